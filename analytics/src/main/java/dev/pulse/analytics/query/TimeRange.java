package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;

/**
 * A query's {@code from}–{@code to} range, both ends included. A window belongs to the range when it
 * overlaps it: {@code windowStart <= to} and {@code windowEnd > from}.
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * The earliest window start to fetch so that every window overlapping the range is found: Kafka's
     * window stores select windows by start time.
     */
    Instant firstWindowStart(Duration window) {
        Instant first = from.minus(window).plusMillis(1);
        return first.isBefore(Instant.EPOCH) ? Instant.EPOCH : first;
    }
}
