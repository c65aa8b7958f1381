package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Map;

/** One window of analytics' history: every page's count between {@code windowStart} and {@code windowEnd}. */
public record CountsWindow(Instant windowStart, Instant windowEnd, Map<String, Long> counts) {
}
