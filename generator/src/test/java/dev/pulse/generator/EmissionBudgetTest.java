package dev.pulse.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmissionBudgetTest {

    private static final long TICK = Duration.ofMillis(10).toNanos();

    private long now = 1_000_000_000L;
    private final EmissionBudget budget = new EmissionBudget();

    @BeforeEach
    void firstTick() {
        assertEquals(EmissionBudget.Allowance.NOTHING, budget.next(1000, now));
    }

    /** Events due over {@code ticks} regular ticks at {@code rate}. */
    private long run(double rate, int ticks) {
        long due = 0;
        for (int i = 0; i < ticks; i++) {
            now += TICK;
            EmissionBudget.Allowance allowance = budget.next(rate, now);
            assertEquals(0, allowance.skipped(), "regular ticks never skip");
            due += allowance.due();
        }
        return due;
    }

    @Test
    void fractionsCarryOverSoSlowRatesEmitOnEveryNthTick() {
        assertEquals(0, run(1, 99));
        assertEquals(1, run(1, 2));
        assertEquals(10, run(1, 1000), 1);
    }

    @Test
    void followsTheRateOverTime() {
        assertEquals(200, run(20, 1000), 1);
        assertEquals(100, run(10_000, 1));
        assertEquals(10_000, run(10_000, 100));
    }

    @Test
    void rateChangesApplyAtTheNextTick() {
        assertEquals(20, run(20, 100), 1);
        assertEquals(500, run(500, 100), 1);
        assertEquals(5, run(500, 1));
    }

    @Test
    void lateTicksAreMadeUpForSoTheRateHolds() {
        run(100, 10);
        now += 4 * TICK;
        assertEquals(4, budget.next(100, now).due());
    }

    @Test
    void pausedAccumulatesNothingSoResumingDoesNotBurst() {
        run(100, 10);
        assertEquals(0, run(0, 500));
        assertEquals(1, run(100, 1));
    }

    @Test
    void afterAStallAtMostTheCatchUpWindowIsEmittedAndTheRestSkipped() {
        run(1000, 10);
        now += Duration.ofSeconds(1).toNanos();
        EmissionBudget.Allowance allowance = budget.next(1000, now);
        assertEquals(100, allowance.due(), "100 ms worth at 1000/s");
        assertEquals(900, allowance.skipped());
        assertEquals(10, run(1000, 1), "back to normal at once");
    }

    @Test
    void timeCountsFromTheFirstTickHoweverLateItComes() {
        EmissionBudget fresh = new EmissionBudget();
        assertEquals(EmissionBudget.Allowance.NOTHING, fresh.next(1000, now + Duration.ofSeconds(5).toNanos()));
        assertEquals(new EmissionBudget.Allowance(10, 0), fresh.next(1000, now + Duration.ofSeconds(5).toNanos() + TICK));
    }

    @Test
    void catchUpCapIsAtLeastOneEvent() {
        assertEquals(1, EmissionBudget.catchUpCap(0.5));
        assertEquals(1000, EmissionBudget.catchUpCap(GeneratorConfigCheck.MAX_RATE));
        assertTrue(EmissionBudget.catchUpCap(Double.MAX_VALUE) <= Integer.MAX_VALUE);
    }
}
