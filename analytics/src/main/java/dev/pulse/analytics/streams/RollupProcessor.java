package dev.pulse.analytics.streams;

import java.util.List;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Merges each finest window, once it has closed, into the window of every rollup that holds it, and records in the
 * task's {@value PageCountTopology#ROLLUP_PROGRESS_STORE} store the end of the latest finest window merged. The finest
 * windows close in the order they end (grace past, no event can change them), so at any moment the rollups hold
 * exactly the finest windows ending by that mark, and the finest store still holds the later ones: a rollup costs one
 * merge per page and finest window rather than one update per event.
 */
final class RollupProcessor implements Processor<Windowed<byte[]>, PageStats, Void, Void> {

    private final List<Resolution> rollups;
    private ProcessorContext<Void, Void> context;
    private List<WindowStore<byte[], MergedStats>> stores;
    private KeyValueStore<String, Long> progress;

    RollupProcessor(List<Resolution> rollups) {
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
        byte[] page = closed.key().key();
        long finestEnd = closed.key().window().end();
        long streamTime = context.currentStreamTimeMs();
        for (int i = 0; i < rollups.size(); i++) {
            Resolution rollup = rollups.get(i);
            long start = rollup.floor(closed.key().window().startTime()).toEpochMilli();
            // The store would drop a window it no longer keeps anyway, with a warning per record.
            if (start <= streamTime - rollup.retention().toMillis()) {
                continue;
            }
            WindowStore<byte[], MergedStats> store = stores.get(i);
            MergedStats merged = store.fetch(page, start);
            PageStats stats = merged == null ? closed.value()
                    : new PageStatsUnion().add(merged.stats()).add(closed.value()).result();
            store.put(page, new MergedStats(stats, closed.key().window().endTime()), start);
        }
        Long mergedUntil = progress.get(PageCountTopology.ROLLUP_MERGED_UNTIL);
        if (mergedUntil == null || mergedUntil < finestEnd) {
            progress.put(PageCountTopology.ROLLUP_MERGED_UNTIL, finestEnd);
        }
    }
}
