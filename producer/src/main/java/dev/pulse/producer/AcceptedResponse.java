package dev.pulse.producer;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted POST: {@code {"accepted": N}}. */
@Schema(name = "Accepted")
public record AcceptedResponse(@Schema(description = "Events acknowledged by Kafka") int accepted) {
}
