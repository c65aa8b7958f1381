package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.PageStatsSerde;
import dev.pulse.analytics.streams.PageStatsUnion;
import dev.pulse.analytics.streams.Resolution;
import io.smallrye.mutiny.Uni;

/**
 * Answers page-stats queries for the whole application. Instances send sketches, and this instance merges
 * them before it ranks or reads a figure, so the answer is what one instance holding every partition would give.
 */
@ApplicationScoped
public class PageQueryService {

    private final FanOut fanOut;
    private final LocalStatsStore local;
    private final Resolutions resolutions;

    PageQueryService(FanOut fanOut, LocalStatsStore local, Resolutions resolutions) {
        this.fanOut = fanOut;
        this.local = local;
        this.resolutions = resolutions;
    }

    /**
     * The {@code top} pages by {@code order} over {@code range}, tiled by windows of several resolutions (see
     * {@link Tiling}), and the totals of all pages.
     */
    public Uni<PageRanking> ranking(TimeRange range, PageOrder order, int top) {
        Tiling tiling = resolutions.tiling(range);
        List<String> segments = tiling.segments().stream().map(Segment::wire).toList();
        return fanOut.allPages(() -> local.pages(tiling.segments()), peer -> peer.pages(segments))
                .map(shares -> rank(tiling.covered(), shares, order, top));
    }

    /**
     * {@code page}'s stats per window overlapping {@code range}, from the instance that owns it, at {@code resolution}
     * or, when null, the one {@link Resolutions#history} picks.
     */
    public Uni<PageHistory> history(String page, TimeRange range, Resolution resolution) {
        Segment segment = resolutions.history(range, resolution);
        return fanOut.onePage(page, partition -> local.pageHistory(page, partition, segment),
                (peer, partition) -> peer.pageHistory(segment.resolution().name(), partition, page, segment.from(),
                        segment.to()))
                .map(shares -> windows(segment, shares));
    }

    static PageRanking rank(TimeRange range, Shares<LocalPageStats> shares, PageOrder order, int top) {
        Map<String, PageStatsUnion> pages = new TreeMap<>();
        PageStatsUnion all = new PageStatsUnion();
        for (LocalPageStats share : shares.shares()) {
            for (LocalPageStats.PageSketch page : share.pages()) {
                PageStats stats = PageStatsSerde.fromBytes(page.stats());
                pages.computeIfAbsent(page.name(), name -> new PageStatsUnion()).add(stats);
                all.addViewsAndVisitors(stats);
            }
        }
        List<PageSummary> ranked = pages.entrySet().stream()
                .map(entry -> new PageSummary(entry.getKey(), entry.getValue().views(), entry.getValue().visitors(),
                        entry.getValue().timeOnPage()))
                .sorted(order.comparator())
                .limit(top)
                .toList();
        return new PageRanking(range.from(), range.to(), new PageTotals(all.views(), all.visitors()), ranked, shares.partial());
    }

    static PageHistory windows(Segment segment, Shares<LocalPageHistory> shares) {
        Duration window = segment.resolution().window();
        SortedMap<Instant, PageStatsUnion> windows = new TreeMap<>();
        shares.shares().forEach(share -> share.windows().forEach(w -> windows
                .computeIfAbsent(w.windowStart(), start -> new PageStatsUnion()).add(PageStatsSerde.fromBytes(w.stats()))));
        List<PageWindow> history = windows.entrySet().stream()
                .map(entry -> new PageWindow(entry.getKey(), entry.getKey().plus(window), entry.getValue().views(),
                        entry.getValue().visitors(), entry.getValue().timeOnPage()))
                .toList();
        return new PageHistory(segment.from(), segment.to(), segment.resolution().name(), history, shares.partial());
    }
}
