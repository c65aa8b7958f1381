package dev.pulse.event;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of every error answer of every Pulse service: {@code {"error": "..."}}, with {@code violations} when
 * the request broke rules (invalid events, invalid generator settings).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error")
// Services return it inside JAX-RS Responses, where a native image would not see that Jackson needs it.
@RegisterForReflection(targets = { ErrorResponse.class, Violation.class })
public record ErrorResponse(
        @Schema(description = "What went wrong, for a human") String error,
        @Schema(description = "Each rule the request broke; present on 400 for invalid events or settings") List<Violation> violations) {

    public static ErrorResponse of(String error) {
        return new ErrorResponse(error, null);
    }
}
