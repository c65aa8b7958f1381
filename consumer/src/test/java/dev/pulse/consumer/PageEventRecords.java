package dev.pulse.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Writes records to page-events the way any client would: String key, raw value bytes. */
final class PageEventRecords {

    static final String TOPIC = "page-events";
    static final String DEAD_LETTER_TOPIC = "page-events-dlq";

    private PageEventRecords() {
    }

    /** A page name no other test uses, so assertions never see another test's events. */
    static String uniquePage(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static PageEvent event(String page, String user, long duration) {
        return new PageEvent(page, user, Instant.now().truncatedTo(ChronoUnit.MILLIS), duration);
    }

    /**
     * Produces the events keyed by page name, one after the other, and returns where each landed, in the same
     * order (acknowledgements of one batch arrive in any order across partitions).
     */
    static List<RecordMetadata> produce(KafkaCompanion companion, PageEvent... events) {
        return Stream.of(events)
                .map(event -> produceRaw(companion, new ProducerRecord<>(TOPIC, event.name(), PageEventJson.toBytes(event))))
                .toList();
    }

    /** Produces one record and returns where it landed, once the broker acknowledged it. */
    static RecordMetadata produceRaw(KafkaCompanion companion, ProducerRecord<String, byte[]> record) {
        return companion.<String, byte[]> produceWithSerializers(StringSerializer.class, ByteArraySerializer.class)
                .fromRecords(record)
                .awaitCompletion()
                .getFirstRecord();
    }
}
