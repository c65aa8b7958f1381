package dev.pulse.analytics.streams;

import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;

import dev.pulse.sketches.HllUnion;

/**
 * Merges {@link PageStats} of any windows, pages and instances: views and total time on page add up, visitors
 * and times on page are sketch unions, so a visitor counted in several of them is counted once.
 */
public final class PageStatsUnion {

    private long views;
    private long timeOnPageTotalMs;
    private final HllUnion visitors = new HllUnion(PageStats.VISITORS_LG_K);
    private final KllDoublesSketch timeOnPage = KllDoublesSketch.newHeapInstance(PageStats.TIME_ON_PAGE_K);

    public PageStatsUnion add(PageStats stats) {
        views += stats.views();
        timeOnPageTotalMs += stats.timeOnPageTotalMs();
        visitors.update(stats.visitorsSketch());
        timeOnPage.merge(stats.timeOnPageSketch());
        return this;
    }

    /** The views and visitors of {@code stats}, not its times on page: for the totals of several pages. */
    public PageStatsUnion addViewsAndVisitors(PageStats stats) {
        views += stats.views();
        visitors.update(stats.visitorsSketch());
        return this;
    }

    public long views() {
        return views;
    }

    /** The estimated number of distinct visitors, never more than the views (see {@link PageStats#visitors()}). */
    public long visitors() {
        return PageStats.atMostViews(visitors.getEstimate(), views);
    }

    public TimeOnPage timeOnPage() {
        return TimeOnPage.of(timeOnPage, timeOnPageTotalMs);
    }

    /** The union as stats of their own, in the form the store keeps, e.g. to send to another instance. */
    public PageStats result() {
        return result(PageStats.VISITORS_TYPE);
    }

    /**
     * The union as stats whose visitors' sketch has the given form: {@code HLL_8} is the union's own, so a union of
     * large sketches made and stored in it is a copy, where {@code HLL_4} (half the size) converts both ways.
     */
    PageStats result(TgtHllType visitorsType) {
        KllDoublesSketch times = KllDoublesSketch.newHeapInstance(PageStats.TIME_ON_PAGE_K);
        times.merge(timeOnPage);
        return new PageStats(views, timeOnPageTotalMs, visitors.getResult(visitorsType), times);
    }
}
