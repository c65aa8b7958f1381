package dev.pulse.generator;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A change to the running generator; an absent field keeps its current value. Bound by the strict mapper
 * ({@link StrictJson}): "50" for a number, 1 for a boolean or a misspelt field is a client bug to report, not guess at.
 */
@Schema(description = "Settings to change; omit a field to keep its value")
public record GeneratorUpdate(
        // An explicit null is refused rather than read as "keep": only an absent field keeps its value.
        @Schema(description = "Events per second, greater than 0 and at most 10000", example = "50")
        @JsonDeserialize(using = NoExplicitNull.class) @Rate Double rate,
        @Schema(description = "True to stop emitting, false to resume", example = "false")
        @JsonDeserialize(using = NoExplicitNull.class) Boolean paused) {
}
