package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Analytics' {@code GET /counts}: every page's count in the latest window. */
@RegisterForReflection
public record CountsSnapshot(Instant windowStart, Instant windowEnd, Map<String, Long> counts, boolean partial) {
}
