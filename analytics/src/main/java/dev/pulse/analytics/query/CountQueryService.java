package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.streams.Resolution;
import io.smallrye.mutiny.Uni;

/**
 * Answers count queries for the whole application, whichever instance is asked: all-pages queries merge the
 * shares of every instance counting some partition; one-page queries ask the instance that owns the page.
 */
@ApplicationScoped
public class CountQueryService {

    private final FanOut fanOut;
    private final LocalStatsStore local;
    private final Resolutions resolutions;
    private final Duration latestLookback;

    CountQueryService(FanOut fanOut, LocalStatsStore local, Resolutions resolutions, AnalyticsConfig config) {
        this.fanOut = fanOut;
        this.local = local;
        this.resolutions = resolutions;
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

    /**
     * Every page's windows overlapping {@code range}, at {@code resolution} or, when null, the one
     * {@link Resolutions#history} picks.
     */
    public Uni<CountsHistory> allPages(TimeRange range, Resolution resolution) {
        return allPages(resolutions.history(range, resolution));
    }

    private Uni<CountsHistory> allPages(Segment segment) {
        return fanOut.allPages(() -> local.counts(segment),
                peer -> peer.counts(segment.resolution().name(), segment.from(), segment.to()))
                .map(shares -> merge(segment, shares));
    }

    /** As {@link #allPages(TimeRange, Resolution)}, for {@code page} only, from the instance that owns it. */
    public Uni<CountsHistory> onePage(String page, TimeRange range, Resolution resolution) {
        Segment segment = resolutions.history(range, resolution);
        return fanOut.onePage(page, partition -> local.counts(page, partition, segment),
                (peer, partition) -> peer.pageCounts(segment.resolution().name(), partition, page, segment.from(),
                        segment.to()))
                .map(shares -> merge(segment, shares));
    }

    /** The {@link #LATEST_WINDOW latest window} at {@code now}. */
    public Uni<CountsSnapshot> latest(Instant now) {
        Resolution finest = resolutions.finest();
        return allPages(resolutions.history(new TimeRange(now.minus(latestLookback), now), finest)).map(history -> {
            List<CountsWindow> windows = history.windows();
            if (windows.isEmpty()) {
                Instant start = finest.floor(now);
                return new CountsSnapshot(start, start.plus(finest.window()), Map.of(), history.partial());
            }
            CountsWindow newest = windows.get(windows.size() - 1);
            return new CountsSnapshot(newest.windowStart(), newest.windowEnd(), newest.counts(), history.partial());
        });
    }

    static CountsHistory merge(Segment segment, Shares<LocalCounts> shares) {
        WindowTally tally = new WindowTally(segment.resolution().window());
        shares.shares().forEach(share -> tally.addAll(share.windows()));
        return new CountsHistory(segment.from(), segment.to(), segment.resolution().name(), tally.windows(),
                shares.partial());
    }
}
