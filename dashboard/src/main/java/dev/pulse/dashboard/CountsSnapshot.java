package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Analytics' {@code GET /counts}: every page's count in the latest window. */
// Written inside a LiveStats in an SSE event's data; registered here too rather than only through the REST client.
@RegisterForReflection
public record CountsSnapshot(Instant windowStart, Instant windowEnd, Map<String, Long> counts, boolean partial) {
}
