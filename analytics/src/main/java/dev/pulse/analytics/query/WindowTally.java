package dev.pulse.analytics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Adds up counts per window and page. Each page lives in exactly one partition, so adding is only ever
 * merging disjoint shares; it also keeps a page's total right should one appear in two partitions.
 */
final class WindowTally {

    private final Duration window;
    private final SortedMap<Instant, SortedMap<String, Long>> counts = new TreeMap<>();

    WindowTally(Duration window) {
        this.window = window;
    }

    void add(Instant windowStart, String page, long count) {
        counts.computeIfAbsent(windowStart, start -> new TreeMap<>()).merge(page, count, Long::sum);
    }

    void addAll(List<CountsWindow> windows) {
        windows.forEach(w -> w.counts().forEach((page, count) -> add(w.windowStart(), page, count)));
    }

    /** The windows in time order, pages in name order. */
    List<CountsWindow> windows() {
        return counts.entrySet().stream()
                .map(entry -> new CountsWindow(entry.getKey(), entry.getKey().plus(window),
                        Collections.unmodifiableMap(entry.getValue())))
                .toList();
    }
}
