package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.Map;

/** The latest window and every page's count in it; {@code partial} as in {@link CountsHistory}. */
public record CountsSnapshot(Instant windowStart, Instant windowEnd, Map<String, Long> counts, boolean partial) {
}
