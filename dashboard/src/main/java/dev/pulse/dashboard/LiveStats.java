package dev.pulse.dashboard;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one tick's poll of analytics brought, cut to what the page shows: the latest window and the page stats. */
// The stream writes its two parts (each registered); registered all the same, as every FeedEvent variant is
// (FeedEventTest), so that writing a whole event can never fail only in a native image.
@RegisterForReflection
public record LiveStats(LiveWindow counts, PageStatsSnapshot pages) implements FeedEvent {

    /**
     * The chart draws the top pages of the last 5 minutes, those of the top-pages table: the span it covers, so
     * that they change far less often than a window's.
     *
     * @param window the latest window, every page
     * @param recent the top {@code top} pages of the last 5 minutes, and the 5 minutes before
     * @param stats  the latest window's page stats, at most {@code ranked} pages
     */
    static LiveStats of(CountsSnapshot window, RangeQueries.Ranked recent, PageRanking stats, int top, int ranked) {
        List<String> charted = recent.ranking().pages().stream().map(PageSummary::name).toList();
        return new LiveStats(LiveWindow.of(window, charted, top), new PageStatsSnapshot(recent.ranking(),
                recent.previous(), WindowVisitors.of(stats, charted, ranked)));
    }
}
