package dev.pulse.analytics.query;

import java.time.Instant;

/**
 * A query's {@code from}–{@code to} range, both ends included. A window belongs to the range when it
 * overlaps it: {@code windowStart <= to} and {@code windowEnd > from}.
 */
public record TimeRange(Instant from, Instant to) {
}
