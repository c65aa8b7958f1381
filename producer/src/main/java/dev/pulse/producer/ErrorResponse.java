package dev.pulse.producer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.pulse.event.Violation;

/** Every error answer: {@code {"error": "..."}}, with {@code violations} when events were invalid. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error")
public record ErrorResponse(
        @Schema(description = "What went wrong, for a human") String error,
        @Schema(description = "Each reason an event was refused; present on 400 for invalid events") List<Violation> violations) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, null);
    }
}
