package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import dev.pulse.analytics.streams.MergedStats;
import dev.pulse.analytics.streams.PageCountTopology;
import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.PageStatsSerde;
import dev.pulse.analytics.streams.PageStatsUnion;
import dev.pulse.analytics.streams.Resolution;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Reads this instance's active {@code page-stats} stores, one partition at a time: each partition is either
 * read from a running task or the query fails, so a share never claims a partition it did not read (a task
 * still restoring, or just handed to another instance, makes it fail instead). RocksDB reads block: each read
 * runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class LocalStatsStore {

    private final KafkaStreams streams;
    private final StreamsState streamsState;
    private final StreamsGroup group;
    private final Resolutions resolutions;
    private final PartitionWindows windows;

    LocalStatsStore(KafkaStreams streams, StreamsState streamsState, StreamsGroup group, Resolutions resolutions) {
        this.streams = streams;
        this.streamsState = streamsState;
        this.group = group;
        this.resolutions = resolutions;
        this.windows = new PartitionWindows(resolutions.all());
    }

    /**
     * Every page's views per window of {@code segment}, from the partitions this instance counts. A window that
     * holds only times on page (tracker leaves) has no views to count, and no count.
     */
    public Uni<LocalCounts> counts(Segment segment) {
        return onWorker(() -> {
            WindowTally tally = new WindowTally(segment.resolution().window());
            List<Integer> partitions = forEachWindow(List.of(segment), (page, start, stats) -> {
                if (stats.views() > 0) {
                    tally.add(start, page, stats.views());
                }
            });
            return new LocalCounts(partitions, tally.windows());
        });
    }

    /** {@code page}'s views per window of {@code segment}; {@code partition} is the page's. */
    public Uni<LocalCounts> counts(String page, int partition, Segment segment) {
        return onWorker(() -> {
            WindowTally tally = new WindowTally(segment.resolution().window());
            forEachWindow(page, partition, segment, (start, stats) -> {
                if (stats.views() > 0) {
                    tally.add(start, page, stats.views());
                }
            });
            return new LocalCounts(List.of(partition), tally.windows());
        });
    }

    /** Every page's stats merged over the windows of {@code segments}, which tile a range. */
    public Uni<LocalPageStats> pages(List<Segment> segments) {
        return onWorker(() -> {
            Map<String, PageStatsUnion> pages = new TreeMap<>();
            List<Integer> partitions = forEachWindow(segments,
                    (page, start, stats) -> pages.computeIfAbsent(page, name -> new PageStatsUnion()).add(stats));
            List<LocalPageStats.PageSketch> sketches = new ArrayList<>(pages.size());
            pages.forEach((page, union) -> sketches.add(new LocalPageStats.PageSketch(page, PageStatsSerde.toBytes(union.result()))));
            return new LocalPageStats(partitions, sketches);
        });
    }

    /** {@code page}'s stats per window of {@code segment}; {@code partition} is the page's. */
    public Uni<LocalPageHistory> pageHistory(String page, int partition, Segment segment) {
        return onWorker(() -> {
            SortedMap<Instant, PageStatsUnion> windows = new TreeMap<>();
            forEachWindow(page, partition, segment,
                    (start, stats) -> windows.computeIfAbsent(start, s -> new PageStatsUnion()).add(stats));
            List<LocalPageHistory.WindowSketch> sketches = new ArrayList<>(windows.size());
            windows.forEach((start, union) -> sketches.add(new LocalPageHistory.WindowSketch(start,
                    PageStatsSerde.toBytes(union.result()))));
            return new LocalPageHistory(List.of(partition), sketches);
        });
    }

    private static <T> Uni<T> onWorker(Supplier<T> read) {
        return Uni.createFrom().item(read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** @return the partitions read */
    private List<Integer> forEachWindow(List<Segment> segments, PageWindowVisitor visitor) {
        streamsState.requireRunning();
        SortedSet<Integer> partitions = activePartitions();
        try {
            for (int partition : partitions) {
                PartitionStores stores = new PartitionStores(partition);
                for (Segment segment : segments) {
                    windows.forEach(stores, segment,
                            (page, start, stats) -> visitor.visit(PageCountTopology.name(page), start, stats));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("the local stores are not readable now", e);
        }
        return List.copyOf(partitions);
    }

    /** @throws CountsUnavailableException when {@code partition} is not (or no longer) counted here */
    private void forEachWindow(String page, int partition, Segment segment, WindowVisitor visitor) {
        streamsState.requireRunning();
        if (!activePartitions().contains(partition)) {
            throw new CountsUnavailableException("partition " + partition + " holding the page is not counted on "
                    + group.self() + " (any more)");
        }
        try {
            windows.forEach(new PartitionStores(partition), segment, PageCountTopology.utf8(page),
                    (key, start, stats) -> visitor.visit(start, stats));
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("the local stores are not readable now", e);
        }
    }

    /** Partitions of {@code page-events} whose tasks this instance runs as active. */
    private SortedSet<Integer> activePartitions() {
        SortedSet<Integer> partitions = new TreeSet<>();
        try {
            streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                    .forEach(task -> partitions.addAll(group.partitions(task.topicPartitions()))));
        } catch (IllegalStateException e) {
            throw new CountsUnavailableException("the local tasks are not known now", e);
        }
        return partitions;
    }

    /** One partition's stores, read through Kafka Streams' interactive queries. */
    private final class PartitionStores implements PartitionWindows.Stores {

        private final int partition;

        PartitionStores(int partition) {
            this.partition = partition;
        }

        @Override
        public ReadOnlyWindowStore<byte[], PageStats> finest() {
            return store(resolutions.finest().store(), QueryableStoreTypes.windowStore());
        }

        @Override
        public ReadOnlyWindowStore<byte[], MergedStats> rollup(Resolution rollup) {
            return store(rollup.store(), QueryableStoreTypes.windowStore());
        }

        @Override
        public Optional<Instant> mergedUntil(Resolution rollup) {
            ReadOnlyKeyValueStore<String, Long> progress = store(PageCountTopology.ROLLUP_PROGRESS_STORE,
                    QueryableStoreTypes.keyValueStore());
            return Optional.ofNullable(progress.get(PageCountTopology.progressKey(rollup))).map(Instant::ofEpochMilli);
        }

        private <T> T store(String name, QueryableStoreType<T> type) {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
        }
    }

    @FunctionalInterface
    private interface PageWindowVisitor {
        void visit(String page, Instant windowStart, PageStats stats);
    }

    @FunctionalInterface
    private interface WindowVisitor {
        void visit(Instant windowStart, PageStats stats);
    }
}
