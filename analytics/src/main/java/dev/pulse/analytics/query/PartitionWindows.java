package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
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
 * window is read as stored. A rollup window holds the finest windows merged into it so far (see
 * {@code streams.RollupProcessor}); the finest windows of its time that had not closed when it was read are added
 * from the finest store, so that a rollup window is whole from the moment its time has passed.
 * <p>
 * Reads are not atomic across stores while the stream thread goes on, so the order matters: the partition's progress
 * mark first, then the rollup windows, each carrying which finest windows it holds, then the finest windows that may
 * be missing from them. Every finest window ending before the mark had been merged before the rollups were read, so
 * only later ones are read; a finest window merged between the two reads is in the finest store too, and is taken
 * from there only when the rollup window as read does not hold it.
 */
public final class PartitionWindows {

    /** One partition's stores, as the application's interactive queries or a test driver give them. */
    public interface Stores {

        ReadOnlyWindowStore<byte[], PageStats> finest();

        ReadOnlyWindowStore<byte[], MergedStats> rollup(Resolution rollup);

        /** The end of the latest finest window merged into the rollups; empty when none has been yet. */
        Optional<Instant> mergedUntil();
    }

    @FunctionalInterface
    public interface Visitor {
        /** Called once or more per window: each call with a part of the window's stats, none twice. */
        void visit(byte[] page, Instant windowStart, PageStats stats);
    }

    private final Resolution finest;

    public PartitionWindows(Resolution finest) {
        this.finest = finest;
    }

    /** Every page's windows of {@code segment}. */
    public void forEach(Stores stores, Segment segment, Visitor visitor) {
        read(stores, segment, null, visitor);
    }

    /** {@code page}'s windows of {@code segment}. */
    public void forEach(Stores stores, Segment segment, byte[] page, Visitor visitor) {
        read(stores, segment, page, visitor);
    }

    private void read(Stores stores, Segment segment, byte[] page, Visitor visitor) {
        Resolution resolution = segment.resolution();
        if (resolution.equals(finest)) {
            readFinest(stores, segment.from(), segment.to(), page, visitor);
            return;
        }
        // Finest windows ending before the mark were merged; one ending at it may not be for every page yet.
        Instant unmergedFrom = stores.mergedUntil()
                .map(mark -> mark.minus(finest.window()))
                .filter(from -> from.isAfter(segment.from()))
                .orElse(segment.from());
        Map<WindowKey, Instant> mergedUntil = new HashMap<>();
        try (KeyValueIterator<Windowed<byte[]>, MergedStats> windows = fetch(stores.rollup(resolution), page,
                segment.from(), segment.to())) {
            windows.forEachRemaining(window -> {
                MergedStats merged = window.value;
                Instant start = window.key.window().startTime();
                visitor.visit(window.key.key(), start, merged.stats());
                if (merged.mergedUntil().isAfter(unmergedFrom)) {
                    mergedUntil.put(new WindowKey(window.key.key(), start), merged.mergedUntil());
                }
            });
        }
        if (unmergedFrom.isBefore(segment.to())) {
            readFinest(stores, unmergedFrom, segment.to(), page, (key, start, stats) -> {
                Instant rollupStart = resolution.floor(start);
                if (!start.isBefore(mergedUntil.getOrDefault(new WindowKey(key, rollupStart), rollupStart))) {
                    visitor.visit(key, rollupStart, stats);
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
