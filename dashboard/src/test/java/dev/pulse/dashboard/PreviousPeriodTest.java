package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PreviousPeriodTest {

    @Test
    void changeIsInWholePerCentOfThePreviousPeriod() {
        assertEquals(20L, PreviousPeriod.percentChange(10, 12));
        assertEquals(-50L, PreviousPeriod.percentChange(10, 5));
        assertEquals(0L, PreviousPeriod.percentChange(7, 7));
        assertEquals(-100L, PreviousPeriod.percentChange(3, 0));
        assertEquals(33L, PreviousPeriod.percentChange(3, 4), "rounded down from 33.3");
        assertEquals(67L, PreviousPeriod.percentChange(3, 5), "rounded up from 66.7");
        assertEquals(-33L, PreviousPeriod.percentChange(3, 2));
    }

    @Test
    void noChangeFromNothing() {
        assertNull(PreviousPeriod.percentChange(0, 12));
        assertNull(PreviousPeriod.percentChange(0, 0));
    }

    @Test
    void comparesViewsAndVisitorsEachWithTheirOwn() {
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        Instant to = Instant.parse("2026-12-02T00:00:00Z");
        PageRanking before = new PageRanking(from, to, new PageTotals(40, 0), List.of(), true);

        PreviousPeriod previous = PreviousPeriod.of(before, new PageTotals(50, 9));

        assertEquals(new PreviousPeriod(from, to, new PageTotals(40, 0), true, 25L, null), previous);
    }
}
