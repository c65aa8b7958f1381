package dev.pulse.generator;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the generator is doing now, and what it has done since it started. */
@Schema(description = "The generator's settings and counters since start-up")
public record GeneratorStatus(
        @Schema(description = "Events per second", example = "1.0") double rate,
        @Schema(description = "True while nothing is emitted") boolean paused,
        @Schema(description = "Page names events are drawn from", example = "[\"P1\", \"P2\"]") List<String> pages,
        @Schema(description = "User names events are drawn from", example = "[\"U1\", \"U2\"]") List<String> users,
        @Schema(description = "Longest view duration, in milliseconds", example = "9000") long maxDurationMs,
        @Schema(description = "Events Kafka acknowledged") long sent,
        @Schema(description = "Events due at the rate but not emitted, because Kafka was not taking more or the generator "
                + "fell more than 100 ms behind; dropped by design, never queued") long dropped,
        @Schema(description = "Events Kafka did not accept (delivery failed)") long failed) {
}
