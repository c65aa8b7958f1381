package dev.pulse.analytics.query;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.pulse.analytics.rest.InvalidQueryException;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.250Z");
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void defaultsToTheLastFiveMinutes() {
        assertEquals(new TimeRange(NOW.minusSeconds(300), NOW), TimeRange.parse(null, null, NOW, MAX));
        assertEquals(new TimeRange(NOW.minusSeconds(300), NOW), TimeRange.parse("", " ", NOW, MAX));
        Instant to = Instant.parse("2026-11-24T09:00:00Z");
        assertEquals(new TimeRange(to.minusSeconds(300), to), TimeRange.parse(null, to.toString(), NOW, MAX));
        Instant from = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(new TimeRange(from, NOW), TimeRange.parse(from.toString(), null, NOW, MAX));
    }

    @Test
    void readsInstantsWithAnyOffset() {
        TimeRange range = TimeRange.parse("2026-11-24T11:00:00+01:00", "2026-11-24T10:00:01.5Z", NOW, MAX);
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), range.from());
        assertEquals(Instant.parse("2026-11-24T10:00:01.500Z"), range.to());
    }

    @Test
    void rejectsUnreadableTimesNamingTheParameter() {
        assertThat(assertThrows(InvalidQueryException.class, () -> TimeRange.parse("yesterday", null, NOW, MAX))
                .getMessage(), containsString("from: 'yesterday' is not an ISO-8601 instant"));
        assertThat(assertThrows(InvalidQueryException.class, () -> TimeRange.parse(null, "2026-11-24T10:00:00", NOW, MAX))
                .getMessage(), containsString("to: '2026-11-24T10:00:00'"));
    }

    @Test
    void rejectsReversedAndTooWideRanges() {
        assertThat(assertThrows(InvalidQueryException.class,
                () -> TimeRange.parse("2026-11-24T10:00:01Z", "2026-11-24T10:00:00Z", NOW, MAX)).getMessage(),
                containsString("is after to"));
        assertThat(assertThrows(InvalidQueryException.class,
                () -> TimeRange.parse("2026-11-24T08:00:00Z", "2026-11-24T09:00:00.001Z", NOW, MAX)).getMessage(),
                containsString("more than the PT1H"));
        assertEquals(MAX, Duration.between(TimeRange.parse("2026-11-24T08:00:00Z", "2026-11-24T09:00:00Z", NOW, MAX).from(),
                Instant.parse("2026-11-24T09:00:00Z")));
    }

    @Test
    void fetchesFromTheFirstWindowOverlappingTheRange() {
        Duration window = Duration.ofSeconds(5);
        TimeRange range = new TimeRange(Instant.parse("2026-11-24T10:00:02Z"), NOW);
        // The window [10:00:00, 10:00:05) overlaps; [09:59:55, 10:00:00) does not.
        assertEquals(Instant.parse("2026-11-24T09:59:57.001Z"), range.firstWindowStart(window));
        assertEquals(Instant.EPOCH, new TimeRange(Instant.EPOCH, NOW).firstWindowStart(window));
    }
}
