package dev.pulse.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pulse.analytics.streams.CountingSettings;
import dev.pulse.analytics.streams.Resolution;

/** Which windows answer a range: the default resolutions (5 s for 1 h, 1 min for 48 h, 1 h for 14 d, 1 d for 400 d). */
class TilingTest {

    static final List<Resolution> DEFAULTS = new CountingSettings("page-events", "page-counts", "page-stats",
            "page-events-dlq", 100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1),
            List.of("1m/48h", "1h/14d", "1d/400d")).resolutions();
    private static final Resolution SECONDS = DEFAULTS.get(0);
    private static final Resolution MINUTES = DEFAULTS.get(1);
    private static final Resolution HOURS = DEFAULTS.get(2);
    private static final Resolution DAYS = DEFAULTS.get(3);
    private static final Instant NOW = Instant.parse("2026-12-07T14:23:17.250Z");

    @Test
    void resolutionsAreNamedAndStoredAsTheApiAndTheTopologySayThem() {
        assertEquals(List.of("PT5S", "PT1M", "PT1H", "P1D"), DEFAULTS.stream().map(Resolution::name).toList());
        assertEquals(List.of("page-stats", "page-rollup-PT1M", "page-rollup-PT1H", "page-rollup-P1D"),
                DEFAULTS.stream().map(Resolution::store).toList());
    }

    @Test
    void todaySoFarIsHoursThenMinutesThenSecondsToTheWindowHoldingNow() {
        Tiling today = tiling("2026-12-07T00:00:00Z", NOW);

        assertEquals(List.of(
                segment(HOURS, "2026-12-07T00:00:00Z", "2026-12-07T14:00:00Z"),
                segment(MINUTES, "2026-12-07T14:00:00Z", "2026-12-07T14:23:00Z"),
                segment(SECONDS, "2026-12-07T14:23:00Z", "2026-12-07T14:23:20Z")), today.segments());
        assertEquals(new TimeRange(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-07T14:23:20Z")),
                today.covered(), "the window holding now is taken whole");
    }

    @Test
    void sevenDaysAreDaysBetweenHourAndMinuteEdgesEachToTheFinestResolutionKeptThere() {
        Tiling week = tiling("2026-11-30T14:23:17.250Z", NOW);

        // 7 days ago, minutes are gone (48 h) and hours kept: the start is rounded out to its hour.
        assertEquals(List.of(
                segment(HOURS, "2026-11-30T14:00:00Z", "2026-12-01T00:00:00Z"),
                segment(DAYS, "2026-12-01T00:00:00Z", "2026-12-07T00:00:00Z"),
                segment(HOURS, "2026-12-07T00:00:00Z", "2026-12-07T14:00:00Z"),
                segment(MINUTES, "2026-12-07T14:00:00Z", "2026-12-07T14:23:00Z"),
                segment(SECONDS, "2026-12-07T14:23:00Z", "2026-12-07T14:23:20Z")), week.segments());
        assertEquals(Instant.parse("2026-11-30T14:00:00Z"), week.covered().from());
    }

    @Test
    void aRangeOlderThanTheHoursRetentionIsWholeDaysRoundedOutwardAtBothEdges() {
        Tiling august = tiling("2026-08-01T13:27:00Z", Instant.parse("2026-08-20T10:00:00Z"));

        assertEquals(List.of(segment(DAYS, "2026-08-01T00:00:00Z", "2026-08-21T00:00:00Z")), august.segments());
    }

    @Test
    void aRangeEndingOnAWindowBoundaryIncludesTheWindowStartingThereSinceToIsIncluded() {
        Tiling hour = tiling("2026-12-07T13:00:00Z", Instant.parse("2026-12-07T14:00:00Z"));

        assertEquals(List.of(segment(HOURS, "2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"),
                segment(SECONDS, "2026-12-07T14:00:00Z", "2026-12-07T14:00:05Z")), hour.segments());
    }

    @Test
    void theSegmentsTouchEndToStartSoThatEveryEventCountsOnce() {
        for (String from : List.of("2026-12-07T14:22:59.999Z", "2026-12-06T23:59:59Z", "2026-11-07T00:00:01Z",
                "2026-01-01T00:00:00Z", "2026-12-07T14:23:17.250Z")) {
            Tiling tiling = tiling(from, NOW);
            Instant expectedStart = tiling.covered().from();
            for (Segment segment : tiling.segments()) {
                assertEquals(expectedStart, segment.from(), from);
                assertEquals(segment.from(), segment.resolution().floor(segment.from()), "aligned: " + segment);
                assertEquals(segment.to(), segment.resolution().floor(segment.to()), "aligned: " + segment);
                expectedStart = segment.to();
            }
            assertEquals(tiling.covered().to(), expectedStart, from);
        }
    }

    @Test
    void historyPicksTheFinestResolutionWithAtMostMaxPointsWindowsStillKept() {
        Resolutions resolutions = new Resolutions(DEFAULTS, 300, Clock.fixed(NOW, ZoneOffset.UTC));

        assertEquals(SECONDS, resolutions.history(range("2026-12-07T14:18:17Z", NOW), null).resolution(),
                "5 minutes: 61 windows of 5 s");
        assertEquals(MINUTES, resolutions.history(range("2026-12-07T13:23:17.250Z", NOW), null).resolution(),
                "an hour: 721 windows of 5 s are too many, 61 of 1 min");
        assertEquals(HOURS, resolutions.history(range("2026-11-30T14:23:17.250Z", NOW), null).resolution(),
                "7 days: 169 hours (minutes are not kept 7 days back)");
        assertEquals(DAYS, resolutions.history(range("2026-11-07T14:23:17.250Z", NOW), null).resolution(),
                "30 days: 721 hours are too many, 31 days");
        assertEquals(MINUTES, resolutions.history(range("2026-12-07T13:23:17.250Z", NOW), MINUTES).resolution());

        Segment week = resolutions.history(range("2026-11-30T14:23:17.250Z", NOW), null);
        assertEquals(new Segment(HOURS, Instant.parse("2026-11-30T14:00:00Z"), Instant.parse("2026-12-07T15:00:00Z")),
                week, "rounded outward to whole windows");
    }

    @Test
    void withFewMaxPointsTheCoarsestResolutionAnswers() {
        Resolutions resolutions = new Resolutions(DEFAULTS, 3, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(DAYS, resolutions.history(range("2026-11-07T14:23:17.250Z", NOW), null).resolution());
    }

    @Test
    void findsResolutionsByTheirIsoNames() {
        Resolutions resolutions = new Resolutions(DEFAULTS, 300, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(DAYS, resolutions.named("P1D").orElseThrow());
        assertEquals(DAYS, resolutions.named("PT24H").orElseThrow());
        assertEquals(SECONDS, resolutions.named("PT5S").orElseThrow());
        assertEquals(false, resolutions.named("PT10S").isPresent());
        assertEquals(false, resolutions.named("1h").isPresent());
    }

    private static Tiling tiling(String from, Instant to) {
        return Tiling.of(range(from, to), DEFAULTS, NOW);
    }

    private static TimeRange range(String from, Instant to) {
        return new TimeRange(Instant.parse(from), to);
    }

    private static Segment segment(Resolution resolution, String from, String to) {
        return new Segment(resolution, Instant.parse(from), Instant.parse(to));
    }
}
