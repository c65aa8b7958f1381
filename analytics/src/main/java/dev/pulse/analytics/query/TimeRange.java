package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.pulse.analytics.rest.InvalidQueryException;

/**
 * A query's {@code from}–{@code to} range, both ends included. A window belongs to the range when it
 * overlaps it: {@code windowStart <= to} and {@code windowEnd > from}.
 */
public record TimeRange(Instant from, Instant to) {

    /** What {@code from} and {@code to} default to: the last 5 minutes. */
    static final Duration DEFAULT_SPAN = Duration.ofMinutes(5);

    /**
     * Reads the query parameters: {@code to} defaults to {@code now}, {@code from} to 5 minutes before
     * {@code to}. Both are ISO-8601 instants with an offset ({@code 2026-11-24T10:15:30Z},
     * {@code 2026-11-24T11:15:30+01:00}).
     *
     * @throws InvalidQueryException when a time cannot be read, {@code from} is after {@code to}, or the
     *                               range is wider than {@code maxSpan}
     */
    public static TimeRange parse(String from, String to, Instant now, Duration maxSpan) {
        Instant end = isAbsent(to) ? now : instant("to", to);
        Instant start = isAbsent(from) ? end.minus(DEFAULT_SPAN) : instant("from", from);
        if (start.isAfter(end)) {
            throw new InvalidQueryException("from (" + start + ") is after to (" + end + ")");
        }
        Duration span = Duration.between(start, end);
        if (span.compareTo(maxSpan) > 0) {
            throw new InvalidQueryException("from " + start + " to " + end + " spans " + span
                    + ", more than the " + maxSpan + " a query may cover");
        }
        return new TimeRange(start, end);
    }

    /** {@code from} as the query parameter another instance reads back. */
    String fromText() {
        return from.toString();
    }

    /** {@code to} as the query parameter another instance reads back. */
    String toText() {
        return to.toString();
    }

    /**
     * The earliest window start to fetch so that every window overlapping the range is found: Kafka's
     * window stores select windows by start time.
     */
    Instant firstWindowStart(Duration window) {
        Instant first = from.minus(window).plusMillis(1);
        return first.isBefore(Instant.EPOCH) ? Instant.EPOCH : first;
    }

    private static boolean isAbsent(String value) {
        return value == null || value.isBlank();
    }

    private static Instant instant(String parameter, String value) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.strip(), OffsetDateTime::from).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(parameter + ": '" + value
                    + "' is not an ISO-8601 instant such as 2026-11-24T10:15:30Z");
        }
    }
}
