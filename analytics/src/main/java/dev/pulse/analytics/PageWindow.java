package dev.pulse.analytics;

import java.time.Instant;

/** One page's views, distinct visitors and time on page in one window. */
public record PageWindow(Instant windowStart, Instant windowEnd, long views, long visitors, TimeOnPage duration) {
}
