package dev.pulse.analytics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.pulse.analytics.query.TimeRange;

/** What the public and the internal resources check beyond what Quarkus REST converts. */
class QueryParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.250Z");
    private static final Duration MAX = Duration.ofHours(1);

    private final QueryParameters parameters = new QueryParameters(MAX, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void defaultsToTheLastFiveMinutes() {
        assertEquals(new TimeRange(NOW.minusSeconds(300), NOW), parameters.range(null, null));
        Instant to = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(new TimeRange(to.minusSeconds(300), to), parameters.range(null, to));
        Instant from = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(new TimeRange(from, NOW), parameters.range(from, null));
    }

    @Test
    void rejectsReversedAndTooWideRanges() {
        assertEquals("from (2026-11-24T10:00:01Z) is after to (2026-11-24T10:00:00Z)",
                assertThrows(InvalidQueryException.class, () -> parameters.range(
                        Instant.parse("2026-11-24T10:00:01Z"), Instant.parse("2026-11-24T10:00:00Z"))).getMessage());
        assertEquals("from 2026-11-24T08:00:00Z to 2026-11-24T09:00:00.001Z spans PT1H0.001S, more than the PT1H a query may cover",
                assertThrows(InvalidQueryException.class, () -> parameters.range(
                        Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T09:00:00.001Z"))).getMessage());
        Instant to = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(new TimeRange(to.minus(MAX), to), parameters.range(to.minus(MAX), to), "exactly the widest range");
        assertEquals("from 2026-11-24T10:10:30.249Z to 2026-11-24T10:15:30.250Z spans PT5M0.001S, more than the PT5M a query may cover",
                assertThrows(InvalidQueryException.class, () -> new QueryParameters(Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC))
                        .range(NOW.minusSeconds(300).minusMillis(1), null)).getMessage(), "a defaulted end counts too");
    }

    @Test
    void readsAPageNameOrEveryPage() {
        assertNull(QueryParameters.page(null));
        assertNull(QueryParameters.page(""));
        assertEquals(" ", QueryParameters.page(" "), "a blank name is a page like any other");
        assertEquals("/a b?c", QueryParameters.requiredPage("/a b?c"));
        assertEquals("name: a page name is required",
                assertThrows(InvalidQueryException.class, () -> QueryParameters.requiredPage("")).getMessage());
        assertEquals("name: a page name is required",
                assertThrows(InvalidQueryException.class, () -> QueryParameters.requiredPage(null)).getMessage());
    }
}
