package dev.pulse.analytics.streams;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;

/**
 * One page's views, visitors and times on page in one window: the value of the {@code page-stats} window store.
 * <p>
 * Visitors and times on page are sketches, so that windows and instances merge ({@link PageStatsUnion}) into
 * what one sketch fed every event would say: a visitor seen in two windows is one visitor. Views and the sum of
 * the times are exact. Adding a view and recording a time on page are separate steps: a view need not come with
 * its time on page.
 */
public final class PageStats {

    /**
     * HLL precision: 2^12 buckets, a relative standard error of 1.6 % (3.2 % at 95 % confidence), at most 2 KiB
     * per page and window in the HLL_4 form kept (a few bytes per visitor while there are few).
     */
    public static final int VISITORS_LG_K = 12;
    static final TgtHllType VISITORS_TYPE = TgtHllType.HLL_4;
    /** KLL accuracy: a normalized rank error of 1.33 % (99 % confidence) for any single quantile. */
    public static final int TIME_ON_PAGE_K = KllSketch.DEFAULT_K;

    private long views;
    private long timeOnPageTotalMs;
    private final HllSketch visitors;
    private final KllDoublesSketch timeOnPage;

    public PageStats() {
        this(0, 0, new HllSketch(VISITORS_LG_K, VISITORS_TYPE), KllDoublesSketch.newHeapInstance(TIME_ON_PAGE_K));
    }

    PageStats(long views, long timeOnPageTotalMs, HllSketch visitors, KllDoublesSketch timeOnPage) {
        this.views = views;
        this.timeOnPageTotalMs = timeOnPageTotalMs;
        this.visitors = visitors;
        this.timeOnPage = timeOnPage;
    }

    /** A view of the page by {@code user}. */
    public void addView(String user) {
        views++;
        visitors.update(user);
    }

    /** How long someone stayed on the page. */
    public void addTimeOnPage(long durationMs) {
        timeOnPage.update(durationMs);
        timeOnPageTotalMs += durationMs;
    }

    public long views() {
        return views;
    }

    /** The estimated number of distinct visitors. */
    public long visitors() {
        return Math.round(visitors.getEstimate());
    }

    public TimeOnPage timeOnPage() {
        return TimeOnPage.of(timeOnPage, timeOnPageTotalMs);
    }

    long timeOnPageTotalMs() {
        return timeOnPageTotalMs;
    }

    HllSketch visitorsSketch() {
        return visitors;
    }

    KllDoublesSketch timeOnPageSketch() {
        return timeOnPage;
    }
}
