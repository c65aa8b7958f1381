package dev.pulse.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Reads back what the producer wrote to {@code page-events}. The topic is shared by every test of the JVM,
 * so each test picks out its own records by unique page names.
 */
public final class PageEventsTopic {

    public static final String TOPIC = "page-events";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageEventsTopic() {
    }

    public static String uniquePage() {
        return "P-" + UUID.randomUUID();
    }

    /** The first {@code count} records matching {@code mine}, in topic order, waiting for them as needed. */
    public static List<ConsumerRecord<String, String>> await(KafkaCompanion companion,
            Predicate<ConsumerRecord<String, String>> mine, int count) {
        try (ConsumerTask<String, String> task = companion.consumeStrings()
                .fromTopics(TOPIC, records -> records.select().where(mine).select().first(count))) {
            return task.awaitCompletion(WAIT).getRecords();
        }
    }

    /** The records with key {@code page} written before the first one {@code last} matches, once that one arrived. */
    public static List<ConsumerRecord<String, String>> before(KafkaCompanion companion, String page,
            Predicate<ConsumerRecord<String, String>> last) {
        try (ConsumerTask<String, String> task = companion.consumeStrings()
                .fromTopics(TOPIC, records -> records.select().where(r -> page.equals(r.key()))
                        .select().first(last.negate()))) {
            return task.awaitCompletion(WAIT).getRecords();
        }
    }

    public static JsonNode value(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("record value is not JSON: " + record.value(), e);
        }
    }

    public static String user(ConsumerRecord<String, String> record) {
        return value(record).path("user").asText();
    }

    public static Instant date(ConsumerRecord<String, String> record) {
        return Instant.parse(value(record).path("date").asText());
    }

    /** RestAssured has no encoder for application/x-ndjson: such bodies go as bytes. */
    public static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    public static String event(String name, String user, long duration) {
        return "{\"name\":\"" + name + "\",\"user\":\"" + user + "\",\"duration\":" + duration + "}";
    }
}
