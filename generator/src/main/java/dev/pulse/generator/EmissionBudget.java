package dev.pulse.generator;

import java.time.Duration;

/**
 * How many events one tick of a fixed ticker may emit so that emissions follow a rate that may change between
 * ticks. The share is computed from the time actually elapsed since the previous tick, so late ticks do not
 * slow the rate down, and fractions carry over (at 1 event/s with 10 ms ticks, every hundredth tick emits one).
 * <p>
 * After a stall (GC pause, overloaded machine) at most {@link #MAX_CATCH_UP} worth of events is granted at
 * once; the rest is reported as skipped instead of being sent in a burst that would fall further behind.
 * Not thread-safe: one budget serves one ticker, whose ticks never overlap.
 */
final class EmissionBudget {

    static final Duration MAX_CATCH_UP = Duration.ofMillis(100);

    private static final double NANOS_PER_SECOND = 1e9;

    /** One tick's share: {@code due} events to emit now, {@code skipped} that were due but exceed the catch-up cap. */
    record Allowance(int due, long skipped) {
        static final Allowance NOTHING = new Allowance(0, 0);
    }

    private boolean started;
    private long previousTickNanos;
    private double credit;

    /**
     * @param ratePerSecond the rate now; zero or less means paused: nothing is due and nothing accumulates,
     *                      so resuming does not start with a burst
     * @param nowNanos      a monotonic time, as from {@link System#nanoTime()}
     */
    Allowance next(double ratePerSecond, long nowNanos) {
        if (!started) {
            // Time is counted from the first tick: however late it comes (a JVM still warming up), nothing was due.
            started = true;
            previousTickNanos = nowNanos;
            return Allowance.NOTHING;
        }
        long elapsedNanos = Math.max(0, nowNanos - previousTickNanos);
        previousTickNanos = nowNanos;
        if (!(ratePerSecond > 0)) {
            credit = 0;
            return Allowance.NOTHING;
        }
        credit += ratePerSecond * elapsedNanos / NANOS_PER_SECOND;
        long whole = (long) credit;
        credit -= whole;
        long cap = catchUpCap(ratePerSecond);
        return whole <= cap ? new Allowance((int) whole, 0) : new Allowance((int) cap, whole - cap);
    }

    /** The most events one tick may emit at this rate: {@link #MAX_CATCH_UP} worth, and at least one. */
    static long catchUpCap(double ratePerSecond) {
        double cap = Math.ceil(ratePerSecond * MAX_CATCH_UP.toNanos() / NANOS_PER_SECOND);
        return (long) Math.min(Integer.MAX_VALUE, Math.max(1, cap));
    }
}
