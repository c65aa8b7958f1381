package dev.pulse.analytics.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.streams.PageCountTopology;

/**
 * The group of instances of this Kafka Streams application (same {@code application.id}) as its assignment
 * describes them: who counts which partitions of {@code page-events}, and who owns a page.
 */
@ApplicationScoped
public class StreamsGroup {

    private final KafkaStreams streams;
    private final StreamsState streamsState;
    private final HostInfo self;
    private final String pageEventsTopic;

    /**
     * @param streamsConfig what Kafka Streams was started with: its {@code application.server} is this
     *                      instance's identity in the group's metadata (the configuration read later may
     *                      differ, e.g. a test's HTTP port chosen after Kafka Streams started)
     */
    StreamsGroup(KafkaStreams streams, StreamsConfig streamsConfig, StreamsState streamsState, AnalyticsConfig config) {
        this.streams = streams;
        this.streamsState = streamsState;
        this.self = HostInfo.buildFromEndpoint(streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
        this.pageEventsTopic = config.topic().pageEvents();
    }

    /** This instance, as it advertises itself in {@code application.server}. */
    HostInfo self() {
        return self;
    }

    public List<StreamsInstance> instances() {
        return metadata().stream()
                .map(client -> new StreamsInstance(client.host(), client.port(), client.hostInfo().equals(self),
                        List.copyOf(partitions(client.topicPartitions()))))
                .sorted(Comparator.comparing(StreamsInstance::host).thenComparingInt(StreamsInstance::port))
                .toList();
    }

    /**
     * Who must answer an all-pages query: every partition, and the other instances counting some of them.
     *
     * @throws CountsUnavailableException while there is no complete assignment to go by
     */
    Assignment assignment() {
        SortedSet<Integer> partitions = new TreeSet<>();
        List<HostInfo> peers = new ArrayList<>();
        for (StreamsMetadata client : metadata()) {
            SortedSet<Integer> counted = partitions(client.topicPartitions());
            partitions.addAll(counted);
            if (!counted.isEmpty() && !client.hostInfo().equals(self)) {
                peers.add(client.hostInfo());
            }
        }
        if (partitions.isEmpty()) {
            throw new CountsUnavailableException("no partition of " + pageEventsTopic + " is assigned yet");
        }
        return new Assignment(partitions, peers);
    }

    /** The instance whose active store holds {@code page}, and the partition it is in. */
    KeyQueryMetadata owner(String page) {
        streamsState.requireRunning();
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(PageCountTopology.STATS_STORE, PageCountTopology.utf8(page),
                    Serdes.ByteArray().serializer());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new CountsUnavailableException("the owner of the page is not known now", e);
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new CountsUnavailableException("the owner of the page is not known now (rebalancing)");
        }
        return owner;
    }

    /** Partitions of {@code page-events} among {@code topicPartitions}, which also name the repartition topic. */
    SortedSet<Integer> partitions(Collection<TopicPartition> topicPartitions) {
        SortedSet<Integer> partitions = new TreeSet<>();
        topicPartitions.stream().filter(tp -> tp.topic().equals(pageEventsTopic)).forEach(tp -> partitions.add(tp.partition()));
        return partitions;
    }

    private Collection<StreamsMetadata> metadata() {
        streamsState.requireRunning();
        try {
            return streams.metadataForAllStreamsClients();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new CountsUnavailableException("the group's assignment is not known now", e);
        }
    }

    /**
     * @param partitions every partition of {@code page-events} the group counts
     * @param peers      the other instances counting some of them
     */
    record Assignment(Set<Integer> partitions, List<HostInfo> peers) {
    }
}
