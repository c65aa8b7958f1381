package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.Map;

/** The count of each page in one window; only pages with at least one counted view appear. */
public record CountsWindow(Instant windowStart, Instant windowEnd, Map<String, Long> counts) {
}
