package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import dev.pulse.analytics.streams.MergedStats;
import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.Resolution;

/**
 * Reads the windows of one partition at any resolution, each holding every event of its time counted once. A finest
 * window is read as stored. A rollup window holds the finer windows merged into it so far (see
 * {@code streams.RollupProcessor}); those of its time not merged when it was read are added from the next finer
 * resolution, read the same way, so that a rollup window is whole from the moment its time has passed.
 * <p>
 * Reads are not atomic across stores while the stream thread goes on, so the order matters: the rollup's progress
 * mark first, then its windows, each carrying which finer windows it holds, then the finer windows that may be
 * missing from them. Every finer window ending before the mark had been merged before the rollup was read, so only
 * later ones are read; one merged between the two reads is still in the finer store, and is taken from there only
 * when the rollup window as read does not hold it.
 */
public final class PartitionWindows {

    /** One partition's stores, as the application's interactive queries or a test driver give them. */
    public interface Stores {

        ReadOnlyWindowStore<byte[], PageStats> finest();

        ReadOnlyWindowStore<byte[], MergedStats> rollup(Resolution rollup);

        /** The end of the latest finer window merged into {@code rollup}; empty when none has been yet. */
        Optional<Instant> mergedUntil(Resolution rollup);
    }

    @FunctionalInterface
    public interface Visitor {
        /** Called once or more per window: each call with a part of the window's stats, none twice. */
        void visit(byte[] page, Instant windowStart, PageStats stats);
    }

    /** Finest first, as {@code CountingSettings.resolutions()} gives them. */
    private final List<Resolution> resolutions;

    public PartitionWindows(List<Resolution> resolutions) {
        this.resolutions = List.copyOf(resolutions);
    }

    /** Every page's windows of {@code segment}. */
    public void forEach(Stores stores, Segment segment, Visitor visitor) {
        read(stores, segment.resolution(), segment.from(), segment.to(), null, visitor);
    }

    /** {@code page}'s windows of {@code segment}. */
    public void forEach(Stores stores, Segment segment, byte[] page, Visitor visitor) {
        read(stores, segment.resolution(), segment.from(), segment.to(), page, visitor);
    }

    /** The windows of {@code resolution} starting in {@code [from, to)}, both on its window boundaries. */
    private void read(Stores stores, Resolution resolution, Instant from, Instant to, byte[] page, Visitor visitor) {
        int level = resolutions.indexOf(resolution);
        if (level == 0) {
            readFinest(stores, from, to, page, visitor);
            return;
        }
        Resolution finer = resolutions.get(level - 1);
        // Finer windows ending before the mark were merged; one ending at it may not be for every page yet.
        Instant unmergedFrom = stores.mergedUntil(resolution)
                .map(mark -> mark.minus(finer.window()))
                .filter(start -> start.isAfter(from))
                .orElse(from);
        Map<WindowKey, Instant> mergedUntil = new HashMap<>();
        try (KeyValueIterator<Windowed<byte[]>, MergedStats> windows = fetch(stores.rollup(resolution), page, from, to)) {
            windows.forEachRemaining(window -> {
                MergedStats merged = window.value;
                Instant start = window.key.window().startTime();
                visitor.visit(window.key.key(), start, merged.stats());
                if (merged.mergedUntil().isAfter(unmergedFrom)) {
                    mergedUntil.put(new WindowKey(window.key.key(), start), merged.mergedUntil());
                }
            });
        }
        if (unmergedFrom.isBefore(to)) {
            read(stores, finer, unmergedFrom, to, page, (key, start, stats) -> {
                Instant windowStart = resolution.floor(start);
                if (!start.isBefore(mergedUntil.getOrDefault(new WindowKey(key, windowStart), windowStart))) {
                    visitor.visit(key, windowStart, stats);
                }
            });
        }
    }

    private static void readFinest(Stores stores, Instant from, Instant to, byte[] page, Visitor visitor) {
        try (KeyValueIterator<Windowed<byte[]>, PageStats> windows = fetch(stores.finest(), page, from, to)) {
            windows.forEachRemaining(window -> visitor.visit(window.key.key(), window.key.window().startTime(), window.value));
        }
    }

    /** The windows starting in {@code [from, to)}: Kafka's window stores take both bounds included. */
    private static <V> KeyValueIterator<Windowed<byte[]>, V> fetch(ReadOnlyWindowStore<byte[], V> store, byte[] page,
            Instant from, Instant to) {
        Instant lastStart = to.minusMillis(1);
        return page == null ? store.fetchAll(from, lastStart) : store.fetch(page, page, from, lastStart);
    }

    /** A page's window, for the map above: byte arrays compare by identity. */
    private record WindowKey(byte[] page, Instant start) {

        @Override
        public boolean equals(Object other) {
            return other instanceof WindowKey key && Arrays.equals(page, key.page) && start.equals(key.start);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(page) + start.hashCode();
        }
    }
}
