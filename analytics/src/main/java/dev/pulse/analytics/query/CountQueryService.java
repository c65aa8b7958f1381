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

    /**
     * What {@code GET /counts} answers: the one definition of the latest window, which {@link #latest} follows and
     * the API document gives. Windows of events dated ahead of this instance's clock are left out until their time comes, so
     * that one event from a fast clock cannot take over the dashboard.
     */
    public static final String LATEST_WINDOW = """
            The latest window is the newest window that has started by now (this instance's clock) and holds \
            any count, among the windows overlapping the last pulse.analytics.latest-lookback (default 1 minute). \
            When there is none, it is the window containing now, with empty counts. Windows of events dated in \
            the future are not the latest until their time comes.""";

    /** Every page's windows overlapping {@code range}. */
    public Uni<CountsHistory> allPages(TimeRange range) {
        return fanOut.allPages(() -> local.counts(range), peer -> peer.counts(range.from(), range.to()))
                .map(shares -> merge(shares, window));
    }

    /** {@code page}'s windows overlapping {@code range}, from the instance that owns it. */
    public Uni<CountsHistory> onePage(String page, TimeRange range) {
        return fanOut.onePage(page, partition -> local.counts(page, partition, range),
                (peer, partition) -> peer.pageCounts(partition, page, range.from(), range.to()))
                .map(shares -> merge(shares, window));
    }

    /** The {@link #LATEST_WINDOW latest window} at {@code now}. */
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
