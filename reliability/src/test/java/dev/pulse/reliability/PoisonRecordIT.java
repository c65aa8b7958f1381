package dev.pulse.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;

/**
 * Poison records written straight to {@code page-events} with a plain Kafka producer, each followed by a good event
 * of the same key (so the same partition, behind it): the consumer and analytics both go on and count every good
 * event, and both dead-letter every poison record to {@code page-events-dlq} with its key and bytes unchanged and
 * headers saying where it came from and why. Analytics' dead letters carry its application id; the consumer's
 * (written by SmallRye's dead-letter queue) do not.
 */
@ExtendWith(ReliabilitySuite.class)
class PoisonRecordIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String APPLICATION_ID_HEADER = "dead-letter-application-id";

    private record Written(String what, String page, byte[] poison, RecordMetadata poisonAt, RecordMetadata goodAt) {
    }

    @Test
    void poisonRecordsAreDeadLetteredByBothServicesAndTheEventsBehindThemCounted(PulseStack stack, ReliabilityReport report) {
        Map<TopicPartition, Long> deadLettersBefore = stack.kafka().endOffsets(PulseStack.DEAD_LETTERS);
        List<Written> written = new ArrayList<>();
        poisons().forEach((what, poison) -> {
            String page = "rel-" + stack.runId + "-poison-" + written.size();
            RecordMetadata poisonAt = stack.kafka().produceRaw(PulseStack.PAGE_EVENTS, page, poison);
            PageEvent good = new PageEvent(page, "after " + what, Instant.now().truncatedTo(ChronoUnit.MILLIS), 500L);
            RecordMetadata goodAt = stack.kafka().produceRaw(PulseStack.PAGE_EVENTS, page, PageEventJson.toBytes(good));
            written.add(new Written(what, page, poison, poisonAt, goodAt));
        });
        report.poisonRecords.addAndGet(written.size());
        Map<String, Long> onePerPage = written.stream().collect(Collectors.toMap(Written::page, w -> 1L, Long::sum, TreeMap::new));

        // The good events behind the poison ones are counted: neither service stopped at the poison.
        await("the consumer counting the events behind the poison").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertEquals(onePerPage, consumerTotals(stack, onePerPage)));
        Map<TopicPartition, Long> end = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        assertEquals(onePerPage, new Scenario.Counts(stack).awaitAnalytics(end, onePerPage.keySet(), Scenario.Counts.FINEST),
                "analytics' totals: the good events, and nothing for the poison");

        // Both services dead-lettered each poison record, and nothing else of these pages.
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byPage = await("both dead letters of every poison record")
                .atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> deadLettersByPage(stack, deadLettersBefore),
                        letters -> written.stream().allMatch(w -> letters.getOrDefault(w.page(), List.of()).size() >= 2));
        List<Runnable> checks = new ArrayList<>();
        for (Written w : written) {
            List<ConsumerRecord<byte[], byte[]>> letters = byPage.get(w.page());
            List<ConsumerRecord<byte[], byte[]>> fromAnalytics = letters.stream()
                    .filter(letter -> stack.analyticsApplicationId.equals(header(letter, APPLICATION_ID_HEADER))).toList();
            List<ConsumerRecord<byte[], byte[]>> fromConsumer = letters.stream()
                    .filter(letter -> letter.headers().lastHeader(APPLICATION_ID_HEADER) == null).toList();
            checks.add(() -> assertEquals(1, fromAnalytics.size(), w.what() + ": one dead letter from analytics, exactly-once: " + describe(letters)));
            checks.add(() -> assertTrue(fromConsumer.size() >= 1, w.what() + ": a dead letter from the consumer: " + describe(letters)));
            checks.add(() -> assertEquals(letters.size(), fromAnalytics.size() + fromConsumer.size(), w.what() + ": no dead letter from anyone else"));
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                checks.add(() -> deadLetterOf(w, letter));
            }
            if (!fromAnalytics.isEmpty() && !fromConsumer.isEmpty()) {
                // One set of rules, one wording: the consumer's deserializer prefixes what analytics says.
                String reason = header(fromAnalytics.get(0), "dead-letter-reason");
                checks.add(() -> assertEquals("Not a valid page event: " + reason,
                        header(fromConsumer.get(0), "dead-letter-reason"), w.what() + ": the same reason from both"));
            }
            report.deadLettersChecked.addAndGet(letters.size());
        }
        assertAll("dead letters", checks.stream().map(check -> (org.junit.jupiter.api.function.Executable) check::run));
        report.note("poison records: " + written.stream().map(Written::what).collect(Collectors.joining(", ")));
    }

    /** Every kind of record that is no page event, in the order they are written. */
    private static Map<String, byte[]> poisons() {
        Map<String, byte[]> poisons = new LinkedHashMap<>();
        poisons.put("not JSON", utf8("this is not JSON"));
        poisons.put("JSON of the wrong shape (array)", utf8("[\"P1\", \"U1\", 500]"));
        poisons.put("JSON object of the wrong shape", utf8("{\"page\": \"P1\", \"views\": 3}"));
        poisons.put("a field of the wrong type", utf8("{\"name\": \"P1\", \"user\": \"U1\", \"duration\": \"long\"}"));
        poisons.put("a rule broken", utf8("{\"name\": \"P1\", \"user\": \"U1\", \"duration\": -5}"));
        poisons.put("JSON null", utf8("null"));
        poisons.put("no value (tombstone)", null);
        poisons.put("an empty value", new byte[0]);
        poisons.put("bytes that are not UTF-8", new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0xFD });
        poisons.put("arrays nested 5000 deep", utf8("[".repeat(5000) + "]".repeat(5000)));
        return poisons;
    }

    private static void deadLetterOf(Written w, ConsumerRecord<byte[], byte[]> letter) {
        String who = (letter.headers().lastHeader(APPLICATION_ID_HEADER) == null ? "consumer" : "analytics") + ": " + w.what();
        assertEquals(w.page(), new String(letter.key(), StandardCharsets.UTF_8), who + ": the key as written");
        if (w.poison() == null) {
            assertEquals(null, letter.value(), who + ": still no value");
        } else {
            assertArrayEquals(w.poison(), letter.value(), who + ": the bytes as written");
        }
        assertEquals(PulseStack.PAGE_EVENTS, header(letter, "dead-letter-topic"), who + ": " + describe(List.of(letter)));
        assertEquals(Integer.toString(w.poisonAt().partition()), header(letter, "dead-letter-partition"), who);
        assertEquals(Long.toString(w.poisonAt().offset()), header(letter, "dead-letter-offset"), who + ": the poison record, not the good one");
        String reason = header(letter, "dead-letter-reason");
        assertNotNull(reason, who + ": a reason: " + describe(List.of(letter)));
        assertTrue(reason.matches("(Not a valid page event: )?(event|field '\\w+'): .+"),
                who + ": the reason names the event or field at fault: " + reason);
    }

    private static Map<String, Long> consumerTotals(PulseStack stack, Map<String, Long> wanted) {
        JsonNode pages = Http.getJson(stack.consumer().url("/stats")).path("pages");
        Map<String, Long> totals = new TreeMap<>();
        wanted.keySet().forEach(page -> {
            if (pages.has(page)) {
                totals.put(page, pages.get(page).asLong());
            }
        });
        return totals;
    }

    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLettersByPage(PulseStack stack,
            Map<TopicPartition, Long> from) {
        return stack.kafka().read(from, stack.kafka().endOffsets(PulseStack.DEAD_LETTERS)).stream()
                .filter(letter -> letter.key() != null)
                .collect(Collectors.groupingBy(letter -> new String(letter.key(), StandardCharsets.UTF_8)));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String describe(List<ConsumerRecord<byte[], byte[]>> letters) {
        Function<ConsumerRecord<byte[], byte[]>, String> one = letter -> {
            StringBuilder text = new StringBuilder("{");
            letter.headers().forEach(h -> text.append(h.key()).append('=')
                    .append(h.value() == null ? "null" : Http.abbreviate(new String(h.value(), StandardCharsets.UTF_8))).append("; "));
            return text.append('}').toString();
        };
        return letters.stream().map(one).collect(Collectors.joining(", "));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
