package dev.pulse.analytics.streams;

import java.nio.charset.StandardCharsets;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;

import dev.pulse.sketches.DataSketches;

/**
 * One page's views, visitors and times on page in one window: the value of the {@code page-stats} window store.
 * <p>
 * Visitors and times on page are sketches, so that windows and instances merge ({@link PageStatsUnion}) into
 * what one sketch fed every event would say: a visitor seen in two windows is one visitor. Views and the sum of
 * the times are exact. Adding a view and recording a time on page are separate steps: a view need not come with
 * its time on page.
 * <p>
 * The window aggregate reads and writes its value as bytes for every record. Decoding and encoding two sketches
 * each time would cost more than the update itself, so stats read from bytes keep their sketches encoded and
 * queue updates in a {@link SketchBacklog}; the sketches are decoded, and the backlog applied, only when a figure is
 * read or the backlog is full. Updates applied later, in order, count the same visitors and times.
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

    private static final byte[] NO_VISITORS = new HllSketch(VISITORS_LG_K, VISITORS_TYPE).toCompactByteArray();
    private static final byte[] NO_TIMES = KllDoublesSketch.newHeapInstance(TIME_ON_PAGE_K).toByteArray();

    private long views;
    private long timeOnPageTotalMs;
    /** The sketches as read, or null once decoded into {@link #visitors} and {@link #timeOnPage}. */
    private EncodedSketches encoded;
    private HllSketch visitors;
    private KllDoublesSketch timeOnPage;
    /** Updates not yet in the sketches: always empty once they are decoded. */
    private final SketchBacklog backlog;

    /** A window without views or times yet. */
    public PageStats() {
        this(0, 0, new EncodedSketches(NO_VISITORS, 0, NO_VISITORS.length, NO_TIMES, 0, NO_TIMES.length),
                new SketchBacklog());
    }

    PageStats(long views, long timeOnPageTotalMs, HllSketch visitors, KllDoublesSketch timeOnPage) {
        this.views = views;
        this.timeOnPageTotalMs = timeOnPageTotalMs;
        this.visitors = visitors;
        this.timeOnPage = timeOnPage;
        this.backlog = new SketchBacklog();
    }

    PageStats(long views, long timeOnPageTotalMs, EncodedSketches encoded, SketchBacklog backlog) {
        this.views = views;
        this.timeOnPageTotalMs = timeOnPageTotalMs;
        this.encoded = encoded;
        this.backlog = backlog;
    }

    /** A view of the page by {@code user}. */
    public void addView(String user) {
        views++;
        if (encoded == null) {
            visitors.update(user);
        } else {
            backlog.addVisitor(user.getBytes(StandardCharsets.UTF_8));
            decodeIfBacklogFull();
        }
    }

    /** How long someone stayed on the page. */
    public void addTimeOnPage(long durationMs) {
        timeOnPageTotalMs += durationMs;
        if (encoded == null) {
            timeOnPage.update(durationMs);
        } else {
            backlog.addTimeOnPage(durationMs);
            decodeIfBacklogFull();
        }
    }

    public long views() {
        return views;
    }

    /**
     * The estimated number of distinct visitors, never more than the views. The estimate errs either way (by the
     * sketch's stated error), but each visitor was counted with a view, so more visitors than views is always wrong.
     */
    public long visitors() {
        return atMostViews(visitorsSketch().getEstimate(), views);
    }

    static long atMostViews(double visitorsEstimate, long views) {
        return Math.min(Math.round(visitorsEstimate), views);
    }

    public TimeOnPage timeOnPage() {
        return TimeOnPage.of(timeOnPageSketch(), timeOnPageTotalMs);
    }

    long timeOnPageTotalMs() {
        return timeOnPageTotalMs;
    }

    HllSketch visitorsSketch() {
        decode();
        return visitors;
    }

    KllDoublesSketch timeOnPageSketch() {
        decode();
        return timeOnPage;
    }

    /** The sketches still as read, to be written out as they are; null once decoded. */
    EncodedSketches encoded() {
        return encoded;
    }

    SketchBacklog backlog() {
        return backlog;
    }

    private void decodeIfBacklogFull() {
        if (backlog.isFull()) {
            decode();
        }
    }

    /** Decodes the sketches, which checks them, and applies the backlog. */
    void decode() {
        if (encoded == null) {
            return;
        }
        visitors = DataSketches.heapifyHll(encoded.visitorsBytes(), encoded.visitorsOffset(),
                encoded.visitorsLength());
        timeOnPage = DataSketches.heapifyKll(encoded.timesBytes(), encoded.timesOffset(), encoded.timesLength());
        backlog.drainInto(visitors, timeOnPage);
        encoded = null;
    }

    /** The two sketches in DataSketches' serialized forms, as regions of the bytes they were read from. */
    record EncodedSketches(byte[] visitorsBytes, int visitorsOffset, int visitorsLength,
            byte[] timesBytes, int timesOffset, int timesLength) {
    }
}
