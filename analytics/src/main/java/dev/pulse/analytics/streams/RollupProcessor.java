package dev.pulse.analytics.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.apache.datasketches.hll.TgtHllType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

import dev.pulse.event.PageEvent;

/**
 * Builds each rollup from the next finer resolution's windows once they are whole. It sees the events the finest
 * window aggregate counts, each just before the aggregate does, and keeps stream time as the aggregate does (the
 * latest event time seen), so it knows which finest windows the aggregate will no longer change: those ending by
 * stream time less grace. Those are merged into
 * the finest rollup's windows holding them; each rollup window, once every finer window in it is in, into the next
 * coarser rollup's. So an event costs one merge per 5 s window of its page, and a minute one merge into its hour,
 * rather than an update of every resolution per event.
 * <p>
 * For each rollup, the task's {@value PageCountTopology#ROLLUP_PROGRESS_STORE} store records the end of the latest
 * finer window merged into it (its mark: every finer window ending by then is in), and each rollup window the end of
 * the latest finer window it holds ({@link MergedStats#mergedUntil()}): what {@code query.PartitionWindows} needs to
 * add the finer windows still to come when it reads.
 * <p>
 * Like the aggregate's, this stream time starts again after a restart, so an event later than grace may still reach a
 * finest window right after one (Kafka Streams does not keep a window aggregate's stream time). A window already
 * merged is not merged again: such an event counts in the finest windows only.
 */
final class RollupProcessor implements Processor<byte[], PageEvent, Void, Void> {

    /**
     * A rollup's visitors are kept in the form unions work in: merging a window's few visitors into a rollup of many
     * is then a copy and a few updates, where the finest windows' more compact form would be converted twice per merge
     * (an order of magnitude slower). It takes 4 KiB rather than 2 once a window has more than a few hundred visitors.
     */
    static final TgtHllType ROLLUP_VISITORS_TYPE = TgtHllType.HLL_8;

    /** Finest first, then the rollups: a window of resolution {@code i + 1} is made of windows of {@code i}. */
    private final List<Resolution> resolutions;
    private final long graceMs;
    /** Per resolution, its window and retention in milliseconds. */
    private final long[] windowMs;
    private final long[] retentionMs;
    private ProcessorContext<Void, Void> context;
    private TimestampedWindowStore<byte[], PageStats> finestWindows;
    private List<WindowStore<byte[], MergedStats>> rollupWindows;
    private KeyValueStore<String, Long> progress;
    private long observedStreamTime;
    /**
     * Per resolution {@code i >= 1}, its mark, as in the progress store ({@link Long#MIN_VALUE}: none yet); kept here,
     * read per event.
     */
    private long[] marks;
    /**
     * Per resolution {@code i} but the coarsest, its windows that hold data not yet merged into resolution
     * {@code i + 1}, by start, with their pages. Asking a cached window store for every window in a time range walks
     * its whole record cache, so the windows to merge are looked up one by one, by page; rebuilt from the stores when
     * the task starts.
     */
    private List<NavigableMap<Long, Set<Bytes>>> pending;

    RollupProcessor(List<Resolution> resolutions, Duration grace) {
        this.resolutions = List.copyOf(resolutions);
        this.graceMs = grace.toMillis();
        this.windowMs = resolutions.stream().mapToLong(r -> r.window().toMillis()).toArray();
        this.retentionMs = resolutions.stream().mapToLong(r -> r.retention().toMillis()).toArray();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.finestWindows = context.getStateStore(resolutions.get(0).store());
        this.rollupWindows = resolutions.subList(1, resolutions.size()).stream()
                .map(rollup -> context.<WindowStore<byte[], MergedStats>> getStateStore(rollup.store()))
                .toList();
        this.progress = context.getStateStore(PageCountTopology.ROLLUP_PROGRESS_STORE);
        // A task revived after an error is initialised again and processes again from its last commit.
        this.observedStreamTime = ConsumerRecord.NO_TIMESTAMP;
        this.marks = new long[resolutions.size()];
        this.pending = new ArrayList<>();
        for (int i = 1; i < resolutions.size(); i++) {
            Long mark = progress.get(PageCountTopology.progressKey(resolutions.get(i)));
            marks[i] = mark == null ? Long.MIN_VALUE : mark;
            NavigableMap<Long, Set<Bytes>> windows = new TreeMap<>();
            // Only the windows from the mark on: months of state are not read at every start.
            WindowStore<byte[], ?> finer = i == 1 ? finestWindows : rollupWindows.get(i - 2);
            try (KeyValueIterator<Windowed<byte[]>, ?> unmerged = finer.fetchAll(Math.max(marks[i], 0), Long.MAX_VALUE)) {
                unmerged.forEachRemaining(window -> add(windows, window.key.window().start(), window.key.key()));
            }
            pending.add(windows);
        }
    }

    @Override
    public void process(Record<byte[], PageEvent> event) {
        observedStreamTime = Math.max(observedStreamTime, event.timestamp());
        long closed = observedStreamTime - graceMs;
        long start = floor(0, event.timestamp());
        // The aggregate counts it, as long as its window ends after stream time less grace.
        if (start + windowMs[0] > closed) {
            add(pending.get(0), start, event.key());
        }
        mergeWhole(0, closed);
    }

    /** The start of the window of resolution {@code level} holding {@code time}, in epoch milliseconds. */
    private long floor(int level, long time) {
        return time - Math.floorMod(time, windowMs[level]);
    }

    /**
     * Merges into resolution {@code level + 1} the windows of {@code level} that are whole, those ending by {@code whole},
     * and not merged yet; then on to the next coarser resolution. Times in epoch milliseconds: this runs for every event.
     */
    private void mergeWhole(int level, long whole) {
        if (level + 1 >= resolutions.size()) {
            return;
        }
        long until = floor(level, whole);
        if (until <= marks[level + 1]) {
            return;
        }
        NavigableMap<Long, Set<Bytes>> ready = pending.get(level).headMap(until, false);
        ready.forEach((start, pages) -> pages.forEach(page -> merge(level, page.get(), start)));
        ready.clear();
        marks[level + 1] = until;
        progress.put(PageCountTopology.progressKey(resolutions.get(level + 1)), until);
        mergeWhole(level + 1, until);
    }

    /** Merges {@code page}'s window of resolution {@code level} starting at {@code start} into the coarser one's. */
    private void merge(int level, byte[] page, long start) {
        PageStats stats = level == 0
                ? valueOf(finestWindows.fetch(page, start))
                : statsOf(rollupWindows.get(level - 1).fetch(page, start));
        long windowStart = floor(level + 1, start);
        // The store would drop a window it no longer keeps anyway, with a warning per record.
        if (stats == null || windowStart <= context.currentStreamTimeMs() - retentionMs[level + 1]) {
            return;
        }
        WindowStore<byte[], MergedStats> store = rollupWindows.get(level);
        MergedStats merged = store.fetch(page, windowStart);
        PageStats sum = merged == null ? stats
                : new PageStatsUnion().add(merged.stats()).add(stats).result(ROLLUP_VISITORS_TYPE);
        store.put(page, new MergedStats(sum, Instant.ofEpochMilli(start + windowMs[level])), windowStart);
        if (level + 1 < pending.size()) {
            add(pending.get(level + 1), windowStart, page);
        }
    }

    private static void add(NavigableMap<Long, Set<Bytes>> windows, long start, byte[] page) {
        windows.computeIfAbsent(start, s -> new HashSet<>()).add(Bytes.wrap(page));
    }

    private static PageStats valueOf(ValueAndTimestamp<PageStats> window) {
        return window == null ? null : window.value();
    }

    private static PageStats statsOf(MergedStats window) {
        return window == null ? null : window.stats();
    }
}
