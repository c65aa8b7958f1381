package dev.pulse.analytics.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.datasketches.hll.TgtHllType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final Resolution finest;
    private final Duration grace;
    private final List<Resolution> rollups;
    private ProcessorContext<Void, Void> context;
    private TimestampedWindowStore<byte[], PageStats> finestWindows;
    private List<WindowStore<byte[], MergedStats>> stores;
    private KeyValueStore<String, Long> progress;
    private long observedStreamTime = ConsumerRecord.NO_TIMESTAMP;
    /** The finest rollup's mark, as in the store: read once, then kept here, since every event compares with it. */
    private Instant merged;

    RollupProcessor(Resolution finest, Duration grace, List<Resolution> rollups) {
        this.finest = finest;
        this.grace = grace;
        this.rollups = rollups;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.finestWindows = context.getStateStore(finest.store());
        this.stores = rollups.stream().map(rollup -> context.<WindowStore<byte[], MergedStats>> getStateStore(rollup.store()))
                .toList();
        this.progress = context.getStateStore(PageCountTopology.ROLLUP_PROGRESS_STORE);
        Long mark = progress.get(PageCountTopology.progressKey(rollups.get(0)));
        this.merged = mark == null ? null : Instant.ofEpochMilli(mark);
    }

    @Override
    public void process(Record<byte[], PageEvent> event) {
        observedStreamTime = Math.max(observedStreamTime, event.timestamp());
        Instant closed = finest.floor(Instant.ofEpochMilli(observedStreamTime).minus(grace));
        if (merged != null && !closed.isAfter(merged)) {
            return;
        }
        Instant from = merged == null ? closed.minus(finest.retention()) : merged;
        try (KeyValueIterator<Windowed<byte[]>, ValueAndTimestamp<PageStats>> windows = finestWindows.fetchAll(from,
                closed.minus(finest.window()))) {
            windows.forEachRemaining(window -> merge(0, window.key.key(), window.key.window().startTime(),
                    window.key.window().endTime(), window.value.value()));
        }
        merged = closed;
        progress.put(PageCountTopology.progressKey(rollups.get(0)), closed.toEpochMilli());
        cascade(1, closed);
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
