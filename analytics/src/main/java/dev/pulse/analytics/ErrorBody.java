package dev.pulse.analytics;

/** The JSON body of every error response. */
public record ErrorBody(String error) {
}
