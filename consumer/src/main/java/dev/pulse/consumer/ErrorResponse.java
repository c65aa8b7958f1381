package dev.pulse.consumer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A client error, as every Pulse service reports it: {@code {"error": "..."}}. */
@RegisterForReflection
public record ErrorResponse(String error) {
}
