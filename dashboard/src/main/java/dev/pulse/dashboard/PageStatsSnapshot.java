package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The page stats of one tick, the {@code pages} event of the stream.
 *
 * @param recent   the top pages and the totals of the last 5 minutes: the headline and the top-pages table
 * @param previous the 5 minutes before those, for the headline's change
 * @param window   the visitors of the latest window (the one of the same tick's counts), for the chart of visitors
 */
@RegisterForReflection
public record PageStatsSnapshot(PageRanking recent, PreviousPeriod previous, WindowVisitors window) {
}
