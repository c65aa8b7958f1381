package dev.pulse.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void fetchesFromTheFirstWindowOverlappingTheRange() {
        Duration window = Duration.ofSeconds(5);
        Instant now = Instant.parse("2026-11-24T10:15:30.250Z");
        TimeRange range = new TimeRange(Instant.parse("2026-11-24T10:00:02Z"), now);
        // The window [10:00:00, 10:00:05) overlaps; [09:59:55, 10:00:00) does not.
        assertEquals(Instant.parse("2026-11-24T09:59:57.001Z"), range.firstWindowStart(window));
        assertEquals(Instant.EPOCH, new TimeRange(Instant.EPOCH, now).firstWindowStart(window));
    }
}
