package dev.pulse.analytics.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.query.TimeRange;

/**
 * Checks what the public and the internal resources are given alike, so that both accept exactly the same:
 * Quarkus REST converts each parameter, this class checks what a single conversion cannot.
 */
@ApplicationScoped
class QueryParameters {

    /** What {@code from} and {@code to} default to: the last 5 minutes. */
    static final Duration DEFAULT_SPAN = Duration.ofMinutes(5);

    private final Duration maxSpan;
    private final Clock clock;

    @Inject
    QueryParameters(AnalyticsConfig config) {
        this(config.maxHistoryRange(), Clock.systemUTC());
    }

    QueryParameters(Duration maxSpan, Clock clock) {
        this.maxSpan = maxSpan;
        this.clock = clock;
    }

    /**
     * The range of {@code from} and {@code to}: {@code to} defaults to now, {@code from} to 5 minutes before
     * {@code to}.
     *
     * @throws InvalidQueryException when {@code from} is after {@code to}, or the range is wider than
     *                               {@code pulse.analytics.max-history-range}
     */
    TimeRange range(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : from;
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

    /** A page name, or null for every page. */
    static String page(String name) {
        return name == null || name.isEmpty() ? null : name;
    }

    /** @throws InvalidQueryException when there is no page name */
    static String requiredPage(String name) {
        String page = page(name);
        if (page == null) {
            throw new InvalidQueryException("name: a page name is required");
        }
        return page;
    }
}
