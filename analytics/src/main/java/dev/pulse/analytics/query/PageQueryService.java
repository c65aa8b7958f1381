package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.analytics.CountingConfig;
import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.PageStatsSerde;
import dev.pulse.analytics.streams.PageStatsUnion;
import io.smallrye.mutiny.Uni;

/**
 * Answers page-stats queries for the whole application. Instances send sketches, and this instance merges
 * them before it ranks or reads a figure, so the answer is what one instance holding every partition would give.
 */
@ApplicationScoped
public class PageQueryService {

    private final FanOut fanOut;
    private final LocalStatsStore local;
    private final Duration window;

    PageQueryService(FanOut fanOut, LocalStatsStore local, CountingConfig counting) {
        this.fanOut = fanOut;
        this.local = local;
        this.window = counting.window();
    }

    /** The {@code top} pages by {@code order} over {@code range}, and the totals of all pages. */
    public Uni<PageRanking> ranking(TimeRange range, PageOrder order, int top) {
        return fanOut.allPages(() -> local.pages(range), peer -> peer.pages(range.from(), range.to()))
                .map(shares -> rank(range, shares, order, top));
    }

    /** {@code page}'s stats per window overlapping {@code range}, from the instance that owns it. */
    public Uni<PageHistory> history(String page, TimeRange range) {
        return fanOut.onePage(page, partition -> local.pageHistory(page, partition, range),
                (peer, partition) -> peer.pageHistory(partition, page, range.from(), range.to()))
                .map(shares -> windows(shares, window));
    }

    static PageRanking rank(TimeRange range, Shares<LocalPageStats> shares, PageOrder order, int top) {
        Map<String, PageStatsUnion> pages = new TreeMap<>();
        PageStatsUnion all = new PageStatsUnion();
        long views = 0;
        for (LocalPageStats share : shares.shares()) {
            for (LocalPageStats.PageSketch page : share.pages()) {
                PageStats stats = PageStatsSerde.fromBytes(page.stats());
                pages.computeIfAbsent(page.name(), name -> new PageStatsUnion()).add(stats);
                all.addVisitors(stats);
                views += stats.views();
            }
        }
        List<PageSummary> ranked = pages.entrySet().stream()
                .map(entry -> new PageSummary(entry.getKey(), entry.getValue().views(), entry.getValue().visitors(),
                        entry.getValue().timeOnPage()))
                .sorted(order.comparator())
                .limit(top)
                .toList();
        return new PageRanking(range.from(), range.to(), new PageTotals(views, all.visitors()), ranked, shares.partial());
    }

    static PageHistory windows(Shares<LocalPageHistory> shares, Duration window) {
        SortedMap<Instant, PageStatsUnion> windows = new TreeMap<>();
        shares.shares().forEach(share -> share.windows().forEach(w -> windows
                .computeIfAbsent(w.windowStart(), start -> new PageStatsUnion()).add(PageStatsSerde.fromBytes(w.stats()))));
        List<PageWindow> history = windows.entrySet().stream()
                .map(entry -> new PageWindow(entry.getKey(), entry.getKey().plus(window), entry.getValue().views(),
                        entry.getValue().visitors(), entry.getValue().timeOnPage()))
                .toList();
        return new PageHistory(history, shares.partial());
    }
}
