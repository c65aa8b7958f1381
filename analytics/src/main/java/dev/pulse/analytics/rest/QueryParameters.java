package dev.pulse.analytics.rest;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.query.TimeRange;

/** Reads the query parameters of the public and the internal API alike, so both accept exactly the same. */
@ApplicationScoped
public class QueryParameters {

    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1000;

    private final AnalyticsConfig config;

    QueryParameters(AnalyticsConfig config) {
        this.config = config;
    }

    /** @see TimeRange#parse */
    public TimeRange range(String from, String to) {
        return TimeRange.parse(from, to, Instant.now(), config.maxHistoryRange());
    }

    /** A page name, or null for every page. */
    public static String page(String name) {
        return name == null || name.isEmpty() ? null : name;
    }

    /** @throws InvalidQueryException when there is no page name */
    public static String requiredPage(String name) {
        String page = page(name);
        if (page == null) {
            throw new InvalidQueryException("name: a page name is required");
        }
        return page;
    }

    /** @throws InvalidQueryException unless absent (10) or a whole number from 1 to 1000 */
    public static int top(String top) {
        if (top == null || top.isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            int value = Integer.parseInt(top.strip());
            if (value >= 1 && value <= MAX_TOP) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw new InvalidQueryException("top: '" + top + "' is not a whole number from 1 to " + MAX_TOP);
    }
}
