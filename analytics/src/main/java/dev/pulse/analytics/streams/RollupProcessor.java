package dev.pulse.analytics.streams;

import java.time.Instant;
import java.util.List;

import org.apache.datasketches.hll.TgtHllType;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Builds each rollup from the next finer resolution's windows once they are whole: each finest window, once it has
 * closed, is merged into the finest rollup's window that holds it; each rollup window, once every finer window in it
 * has been merged, is merged into the next coarser rollup's. So an event costs one merge per 5 s window of its page,
 * and a minute one merge into its hour, rather than an update of every resolution per event.
 * <p>
 * For each rollup, the task's {@value PageCountTopology#ROLLUP_PROGRESS_STORE} store records the end of the latest
 * finer window merged into it (its mark), and each rollup window the end of the latest finer window it holds
 * ({@link MergedStats#mergedUntil()}): what {@code query.PartitionWindows} needs to add the finer windows still to
 * come when it reads. The finest windows close in the order they end (grace past, no event can change them), so once
 * a finest window ending at <i>t</i> has been merged, every one ending before <i>t</i> has been too.
 */
final class RollupProcessor implements Processor<Windowed<byte[]>, PageStats, Void, Void> {

    /**
     * A rollup's visitors are kept in the form unions work in: merging a window's few visitors into a rollup of many
     * is then a copy and a few updates, where the finest windows' more compact form would be converted twice per merge
     * (an order of magnitude slower). It takes 4 KiB rather than 2 once a window has more than a few hundred visitors.
     */
    static final TgtHllType ROLLUP_VISITORS_TYPE = TgtHllType.HLL_8;

    private final Resolution finest;
    private final List<Resolution> rollups;
    private ProcessorContext<Void, Void> context;
    private List<WindowStore<byte[], MergedStats>> stores;
    private KeyValueStore<String, Long> progress;

    RollupProcessor(Resolution finest, List<Resolution> rollups) {
        this.finest = finest;
        this.rollups = rollups;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.stores = rollups.stream().map(rollup -> context.<WindowStore<byte[], MergedStats>> getStateStore(rollup.store()))
                .toList();
        this.progress = context.getStateStore(PageCountTopology.ROLLUP_PROGRESS_STORE);
    }

    @Override
    public void process(Record<Windowed<byte[]>, PageStats> closed) {
        Instant end = closed.key().window().endTime();
        merge(0, closed.key().key(), closed.key().window().startTime(), end, closed.value());
        Long mark = progress.get(PageCountTopology.progressKey(rollups.get(0)));
        if (mark == null || mark < end.toEpochMilli()) {
            progress.put(PageCountTopology.progressKey(rollups.get(0)), end.toEpochMilli());
            // Other pages' windows ending at the same time may still be on their way: only earlier ones are all in.
            cascade(1, end.minus(finest.window()));
        }
    }

    /**
     * Merges into rollup {@code level} the windows of the finer rollup that are whole: those ending by {@code whole},
     * and not merged yet; then on to the next coarser rollup.
     */
    private void cascade(int level, Instant whole) {
        if (level >= rollups.size()) {
            return;
        }
        Resolution finer = rollups.get(level - 1);
        Instant until = finer.floor(whole);
        String key = PageCountTopology.progressKey(rollups.get(level));
        Long mark = progress.get(key);
        Instant from = mark == null ? until.minus(finer.retention()) : Instant.ofEpochMilli(mark);
        if (!until.isAfter(from)) {
            return;
        }
        try (KeyValueIterator<Windowed<byte[]>, MergedStats> windows = stores.get(level - 1).fetchAll(from,
                until.minus(finer.window()))) {
            windows.forEachRemaining(window -> merge(level, window.key.key(), window.key.window().startTime(),
                    window.key.window().endTime(), window.value.stats()));
        }
        progress.put(key, until.toEpochMilli());
        cascade(level + 1, until);
    }

    /** Merges the stats of one finer window, {@code [start, end)}, into rollup {@code level}'s window holding it. */
    private void merge(int level, byte[] page, Instant start, Instant end, PageStats stats) {
        Resolution rollup = rollups.get(level);
        long windowStart = rollup.floor(start).toEpochMilli();
        // The store would drop a window it no longer keeps anyway, with a warning per record.
        if (windowStart <= context.currentStreamTimeMs() - rollup.retention().toMillis()) {
            return;
        }
        WindowStore<byte[], MergedStats> store = stores.get(level);
        MergedStats merged = store.fetch(page, windowStart);
        PageStats sum = merged == null ? stats
                : new PageStatsUnion().add(merged.stats()).add(stats).result(ROLLUP_VISITORS_TYPE);
        store.put(page, new MergedStats(sum, end), windowStart);
    }
}
