package dev.pulse.dashboard;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The period of the same length just before a range, for the headline's change.
 *
 * @param totals         null when analytics keeps nothing that old
 * @param viewsChange    views of the range against this period's, in whole per cent; null when this period had none
 *                       or is not kept
 * @param visitorsChange the same for visitors
 */
@RegisterForReflection
public record PreviousPeriod(Instant from, Instant to, PageTotals totals, boolean partial, Long viewsChange,
        Long visitorsChange) {

    static PreviousPeriod of(PageRanking previous, PageTotals now) {
        PageTotals before = previous.totals();
        return new PreviousPeriod(previous.from(), previous.to(), before, previous.partial(),
                percentChange(before.views(), now.views()), percentChange(before.visitors(), now.visitors()));
    }

    static PreviousPeriod notKept(Instant from, Instant to) {
        return new PreviousPeriod(from, to, null, false, null, null);
    }

    /** Rounded to whole per cent; none from nothing, which no percentage can say. */
    static Long percentChange(long before, long now) {
        return before == 0 ? null : Math.round(100.0 * (now - before) / before);
    }
}
