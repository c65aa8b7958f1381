package dev.pulse.analytics.query;

import dev.pulse.analytics.streams.TimeOnPage;

/** One page's views, distinct visitors and time on page over a query's range. */
public record PageSummary(String name, long views, long visitors, TimeOnPage duration) {
}
