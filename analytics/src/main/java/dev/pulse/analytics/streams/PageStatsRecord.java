package dev.pulse.analytics.streams;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page's stats in one window: the value written to {@code page-stats}. The figures are ready to read; the
 * sketches (DataSketches' compact HLL and KLL doubles forms, base64 in JSON) and {@code durationTotalMs} let a
 * reader merge windows or pages itself without counting a visitor twice.
 */
@RegisterForReflection
record PageStatsRecord(String name, Instant windowStart, Instant windowEnd, long views, long visitors,
        TimeOnPage duration, long durationTotalMs, byte[] visitorsSketch, byte[] durationSketch) {

    static PageStatsRecord of(String name, Instant windowStart, Instant windowEnd, PageStats stats) {
        return new PageStatsRecord(name, windowStart, windowEnd, stats.views(), stats.visitors(), stats.timeOnPage(),
                stats.timeOnPageTotalMs(), stats.visitorsSketch().toCompactByteArray(), stats.timeOnPageSketch().toByteArray());
    }
}
