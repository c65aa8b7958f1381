package dev.pulse.bench;

import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;

/**
 * Reads a topic from the beginning to its current end and notes which numbered bench events are there: an event
 * of page {@code <prefix>...} by user {@code u<n>} is event n of that prefix.
 */
final class TopicAudit {

    /** The events found for one page-name prefix, and how many of them were there more than once. */
    record Found(BitSet events, long duplicates) {
    }

    private TopicAudit() {
    }

    static Map<String, Found> read(String bootstrapServers, String topic, List<String> prefixes) {
        Map<String, BitSet> seen = new HashMap<>();
        Map<String, Long> duplicates = new HashMap<>();
        prefixes.forEach(p -> {
            seen.put(p, new BitSet());
            duplicates.put(p, 0L);
        });
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    PageEvent event;
                    try {
                        event = PageEventJson.fromKafka(record.value());
                    } catch (InvalidPageEventException e) {
                        continue;
                    }
                    for (String prefix : prefixes) {
                        if (event.name().startsWith(prefix) && event.user().startsWith("u")) {
                            int number = Integer.parseInt(event.user().substring(1));
                            BitSet events = seen.get(prefix);
                            if (events.get(number)) {
                                duplicates.merge(prefix, 1L, Long::sum);
                            }
                            events.set(number);
                        }
                    }
                }
            }
        }
        Map<String, Found> found = new HashMap<>();
        prefixes.forEach(p -> found.put(p, new Found(seen.get(p), duplicates.get(p))));
        return found;
    }
}
