package dev.pulse.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads this instance's active {@code page-count} stores, one partition at a time: each partition is either
 * read from a running task or the query fails, so an answer never claims a partition it did not read
 * (a task still restoring, or just handed to another instance, makes it fail instead).
 */
@ApplicationScoped
public class LocalCountStore {

    private final KafkaStreams streams;
    private final StreamsState streamsState;
    private final Cluster cluster;
    private final Duration window;

    LocalCountStore(KafkaStreams streams, StreamsState streamsState, Cluster cluster, CountingConfig counting) {
        this.streams = streams;
        this.streamsState = streamsState;
        this.cluster = cluster;
        this.window = counting.window();
    }

    /** Every page's windows overlapping {@code range}, from the partitions this instance counts. */
    public LocalCounts allPages(TimeRange range) {
        streamsState.requireRunning();
        SortedSet<Integer> partitions = activePartitions();
        WindowTally tally = new WindowTally(window);
        try {
            for (int partition : partitions) {
                try (KeyValueIterator<Windowed<byte[]>, Long> windows = store(partition)
                        .fetchAll(range.firstWindowStart(window), range.to())) {
                    windows.forEachRemaining(entry -> tally.add(entry.key.window().startTime(),
                            new String(entry.key.key(), StandardCharsets.UTF_8), entry.value));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("the local counts are not readable now", e);
        }
        return new LocalCounts(List.copyOf(partitions), tally.windows());
    }

    /**
     * {@code page}'s windows overlapping {@code range}, when this instance counts it.
     *
     * @throws CountsUnavailableException when the page's partition is not (or no longer) counted here
     */
    public LocalCounts onePage(String page, TimeRange range) {
        int partition = cluster.owner(page).partition();
        if (!activePartitions().contains(partition)) {
            throw new CountsUnavailableException("partition " + partition + " holding the page is not counted on "
                    + cluster.self() + " (any more)");
        }
        WindowTally tally = new WindowTally(window);
        try (WindowStoreIterator<Long> windows = store(partition)
                .fetch(PageCountTopology.utf8(page), range.firstWindowStart(window), range.to())) {
            windows.forEachRemaining(entry -> tally.add(Instant.ofEpochMilli(entry.key), page, entry.value));
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailableException("the local counts are not readable now", e);
        }
        return new LocalCounts(List.of(partition), tally.windows());
    }

    /** Partitions of {@code page-events} whose tasks this instance runs as active. */
    private SortedSet<Integer> activePartitions() {
        SortedSet<Integer> partitions = new TreeSet<>();
        try {
            streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks()
                    .forEach(task -> partitions.addAll(cluster.partitions(task.topicPartitions()))));
        } catch (IllegalStateException e) {
            throw new CountsUnavailableException("the local tasks are not known now", e);
        }
        return partitions;
    }

    private ReadOnlyWindowStore<byte[], Long> store(int partition) {
        return streams.store(StoreQueryParameters
                .fromNameAndType(PageCountTopology.COUNT_STORE, QueryableStoreTypes.<byte[], Long> windowStore())
                .withPartition(partition));
    }
}
