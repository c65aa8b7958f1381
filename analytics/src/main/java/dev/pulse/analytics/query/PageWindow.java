package dev.pulse.analytics.query;

import java.time.Instant;

import dev.pulse.analytics.streams.TimeOnPage;

/** One page's views, distinct visitors and time on page in one window. */
public record PageWindow(Instant windowStart, Instant windowEnd, long views, long visitors, TimeOnPage duration) {
}
