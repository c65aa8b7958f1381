package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Map;

/** Analytics' {@code GET /counts}: every page's count in the latest window. */
public record CountsSnapshot(Instant windowStart, Instant windowEnd, Map<String, Long> counts, boolean partial) {
}
