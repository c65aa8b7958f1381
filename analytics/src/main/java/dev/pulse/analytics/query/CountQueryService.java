package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.CountingConfig;
import io.smallrye.mutiny.Uni;

/**
 * Answers count queries for the whole application, whichever instance is asked: all-pages queries merge the
 * shares of every instance counting some partition; one-page queries ask the instance that owns the page.
 */
@ApplicationScoped
public class CountQueryService {

    private final FanOut fanOut;
    private final LocalStatsStore local;
    private final Duration window;
    private final Duration latestLookback;

    CountQueryService(FanOut fanOut, LocalStatsStore local, CountingConfig counting, AnalyticsConfig config) {
        this.fanOut = fanOut;
        this.local = local;
        this.window = counting.window();
        this.latestLookback = config.latestLookback();
    }

    /** Every page's windows overlapping {@code range}. */
    public Uni<CountsHistory> allPages(TimeRange range) {
        return fanOut.allPages(() -> local.counts(range), peer -> peer.counts(range.fromText(), range.toText(), null))
                .map(shares -> merge(shares, window));
    }

    /** {@code page}'s windows overlapping {@code range}, from the instance that owns it. */
    public Uni<CountsHistory> onePage(String page, TimeRange range) {
        return fanOut.onePage(page, partition -> local.counts(page, partition, range),
                peer -> peer.counts(range.fromText(), range.toText(), page))
                .map(shares -> merge(shares, window));
    }

    /**
     * The latest window: the newest window that has started by {@code now} and holds any count, among
     * those overlapping the last {@code pulse.analytics.latest-lookback}; when there is none, the window
     * containing {@code now}, with no counts. Windows of events dated ahead of this instance's clock are
     * left out until their time comes, so one event from a fast clock cannot take over the dashboard.
     */
    public Uni<CountsSnapshot> latest(Instant now) {
        return allPages(new TimeRange(now.minus(latestLookback), now)).map(history -> {
            List<CountsWindow> windows = history.windows();
            if (windows.isEmpty()) {
                Instant start = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), window.toMillis()));
                return new CountsSnapshot(start, start.plus(window), Map.of(), history.partial());
            }
            CountsWindow newest = windows.get(windows.size() - 1);
            return new CountsSnapshot(newest.windowStart(), newest.windowEnd(), newest.counts(), history.partial());
        });
    }

    static CountsHistory merge(Shares<LocalCounts> shares, Duration window) {
        WindowTally tally = new WindowTally(window);
        shares.shares().forEach(share -> tally.addAll(share.windows()));
        return new CountsHistory(tally.windows(), shares.partial());
    }
}
