package dev.pulse.analytics.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.query.Resolutions;
import dev.pulse.analytics.query.Segment;
import dev.pulse.analytics.query.TimeRange;
import dev.pulse.analytics.streams.Resolution;

/**
 * Checks what the public and the internal resources are given alike, so that both accept exactly the same:
 * Quarkus REST converts each parameter, this class checks what a single conversion cannot.
 */
@ApplicationScoped
class QueryParameters {

    /** What {@code from} and {@code to} default to: the last 5 minutes. */
    static final Duration DEFAULT_SPAN = Duration.ofMinutes(5);

    private final Resolutions resolutions;

    QueryParameters(Resolutions resolutions) {
        this.resolutions = resolutions;
    }

    /**
     * The range of {@code from} and {@code to}: {@code to} defaults to now, {@code from} to 5 minutes before
     * {@code to}.
     *
     * @throws InvalidQueryException when {@code from} is after {@code to}, or older than the longest-kept
     *                               resolution keeps
     */
    TimeRange range(Instant from, Instant to) {
        Instant end = to == null ? resolutions.now() : to;
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : from;
        if (start.isAfter(end)) {
            throw new InvalidQueryException("from (" + start + ") is after to (" + end + ")");
        }
        Resolution longest = resolutions.longestKept();
        if (!resolutions.keeps(longest, new TimeRange(start, end))) {
            throw new InvalidQueryException("from (" + start + ") is older than any window kept: the longest-kept "
                    + "resolution, " + longest.name() + ", is kept for " + longest.retention());
        }
        return new TimeRange(start, end);
    }

    /**
     * The resolution named {@code name} if it keeps every window of {@code range}, or null for none named.
     *
     * @throws InvalidQueryException when no resolution has that name, or it no longer keeps the range's start
     */
    Resolution resolution(String name, TimeRange range) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        Resolution resolution = named(name);
        if (!resolutions.keeps(resolution, range)) {
            throw new InvalidQueryException("resolution: " + resolution.name() + " windows are kept for "
                    + resolution.retention() + ", and the range starts before that (" + range.from() + ")");
        }
        return resolution;
    }

    /** Windows of resolution {@code name} starting in {@code [from, to)}, as an internal query names them. */
    Segment segment(String name, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidQueryException("from and to must name windows, from before to: " + from + ", " + to);
        }
        return new Segment(named(name), from, to);
    }

    /** A segment as {@link Segment#wire()} writes it. */
    Segment segment(String wire) {
        String[] parts = wire.split("/");
        if (parts.length != 3) {
            throw new InvalidQueryException("segment: \"" + wire + "\" is not resolution/from/to");
        }
        try {
            return segment(parts[0], Instant.parse(parts[1]), Instant.parse(parts[2]));
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("segment: \"" + wire + "\" has a time that is not ISO-8601");
        }
    }

    private Resolution named(String name) {
        return resolutions.named(name).orElseThrow(() -> new InvalidQueryException("resolution: \"" + name
                + "\" is not one of " + resolutions.all()));
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
