package dev.pulse.analytics.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pulse.analytics.query.Resolutions;
import dev.pulse.analytics.query.Segment;
import dev.pulse.analytics.query.TimeRange;
import dev.pulse.analytics.streams.CountingSettings;
import dev.pulse.analytics.streams.Resolution;

/** What the public and the internal resources check beyond what Quarkus REST converts. */
class QueryParametersTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.250Z");
    private static final List<Resolution> RESOLUTIONS = new CountingSettings("e", "c", "s", "d", 100,
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1), List.of("1m/48h", "1d/400d"))
            .resolutions();

    private final QueryParameters parameters = new QueryParameters(
            new Resolutions(RESOLUTIONS, 300, Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void defaultsToTheLastFiveMinutes() {
        assertEquals(new TimeRange(NOW.minusSeconds(300), NOW), parameters.range(null, null));
        Instant to = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(new TimeRange(to.minusSeconds(300), to), parameters.range(null, to));
        Instant from = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(new TimeRange(from, NOW), parameters.range(from, null));
    }

    @Test
    void rejectsReversedRangesAndRangesStartingBeforeAnyWindowKept() {
        assertEquals("from (2026-11-24T10:00:01Z) is after to (2026-11-24T10:00:00Z)",
                assertThrows(InvalidQueryException.class, () -> parameters.range(
                        Instant.parse("2026-11-24T10:00:01Z"), Instant.parse("2026-11-24T10:00:00Z"))).getMessage());
        Instant kept = Instant.parse("2025-10-21T00:00:00Z");
        assertEquals(new TimeRange(kept, NOW), parameters.range(kept, null), "the oldest day still kept");
        assertEquals("from (2025-10-20T23:59:59.999Z) is older than any window kept: the longest-kept resolution, "
                + "P1D, is kept for PT9600H", assertThrows(InvalidQueryException.class,
                        () -> parameters.range(kept.minusMillis(1), null)).getMessage());
    }

    @Test
    void readsAResolutionKeptOverTheRangeOrSaysWhichThereAre() {
        TimeRange lastHour = parameters.range(NOW.minus(Duration.ofMinutes(59)), null);
        assertNull(parameters.resolution(null, lastHour));
        assertNull(parameters.resolution("", lastHour));
        assertEquals(RESOLUTIONS.get(0), parameters.resolution("PT5S", lastHour));
        assertEquals(RESOLUTIONS.get(2), parameters.resolution("P1D", lastHour));
        assertEquals("resolution: \"PT1H\" is not one of [PT5S, PT1M, P1D]",
                assertThrows(InvalidQueryException.class, () -> parameters.resolution("PT1H", lastHour)).getMessage());
        assertEquals("resolution: PT5S windows are kept for PT1H, and the range starts before that (2026-11-24T09:00:00Z)",
                assertThrows(InvalidQueryException.class, () -> parameters.resolution("PT5S",
                        parameters.range(Instant.parse("2026-11-24T09:00:00Z"), null))).getMessage());
    }

    @Test
    void readsTheSegmentsAnotherInstanceNames() {
        Segment segment = new Segment(RESOLUTIONS.get(1), Instant.parse("2026-11-24T09:00:00Z"),
                Instant.parse("2026-11-24T10:00:00Z"));
        assertEquals(segment, parameters.segment("PT1M/2026-11-24T09:00:00Z/2026-11-24T10:00:00Z"));
        assertEquals("segment: \"PT1M/2026-11-24T09:00:00Z\" is not resolution/from/to",
                assertThrows(InvalidQueryException.class, () -> parameters.segment("PT1M/2026-11-24T09:00:00Z"))
                        .getMessage());
        assertEquals("segment: \"PT1M/yesterday/2026-11-24T10:00:00Z\" has a time that is not ISO-8601",
                assertThrows(InvalidQueryException.class,
                        () -> parameters.segment("PT1M/yesterday/2026-11-24T10:00:00Z")).getMessage());
        assertThrows(InvalidQueryException.class,
                () -> parameters.segment("PT1M", Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:00:00Z")));
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
