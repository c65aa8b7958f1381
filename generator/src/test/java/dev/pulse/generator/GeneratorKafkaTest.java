package dev.pulse.generator;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventDeserializer;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class GeneratorKafkaTest {

    /** As in the %test profile: names no other test writes. */
    private static final Set<String> PAGES = Set.of("generator-test-page-a", "generator-test-page-b");
    private static final Set<String> USERS = Set.of("generator-test-user-a", "generator-test-user-b");
    private static final Duration MEASURED = Duration.ofSeconds(3);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private ConsumerTask<String, String> records;
    private long testStart;

    @BeforeEach
    void consume() {
        testStart = System.currentTimeMillis();
        records = companion.consumeStrings().fromTopics("page-events");
    }

    @AfterEach
    void pause() {
        GeneratorApi.put(GeneratorApi.PAUSED_AT_ONE_PER_SECOND).statusCode(200);
        records.close();
    }

    @Test
    void writesValidEventsKeyedAndTimestampedAtTheRequestedRateWhichCanChangeWhileRunning() throws InvalidPageEventException {
        assertRate(20);
        assertRate(100);

        PageEventDeserializer deserializer = new PageEventDeserializer();
        List<ConsumerRecord<String, String>> ours = generatedSinceTestStart();
        assertTrue(ours.size() >= 300, "got " + ours.size());
        for (ConsumerRecord<String, String> record : ours) {
            PageEvent event = deserializer.read(record.value().getBytes(StandardCharsets.UTF_8));
            assertEquals(event.name(), record.key(), "key is the page name");
            assertEquals(event.date().toEpochMilli(), record.timestamp(), "timestamp is the event date");
            assertTrue(USERS.contains(event.user()), event.user());
            assertTrue(event.duration() >= 0 && event.duration() <= 9000, "duration " + event.duration());
        }
    }

    /** Sets {@code rate} and counts, by record timestamp, what the generator wrote over {@link #MEASURED}. */
    private void assertRate(double rate) {
        GeneratorApi.put("{\"rate\": " + rate + ", \"paused\": false}").statusCode(200).body("paused", is(false));
        long windowStart = System.currentTimeMillis() + 500;
        long windowEnd = windowStart + MEASURED.toMillis();
        // Once a later record has arrived, the window's records (all partitions) have too.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> generatedSinceTestStart().stream().anyMatch(r -> r.timestamp() >= windowEnd + 500));
        long counted = generatedSinceTestStart().stream()
                .filter(r -> r.timestamp() >= windowStart && r.timestamp() < windowEnd)
                .count();
        double expected = rate * MEASURED.toSeconds();
        assertEquals(expected, counted, expected * 0.3, "events in " + MEASURED + " at " + rate + "/s");
    }

    @Test
    void pauseStopsTheFlowAndResumeRestartsIt() {
        GeneratorApi.put("{\"rate\": 50, \"paused\": false}").statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> generatedSinceTestStart().size() >= 10);

        GeneratorApi.put("{\"paused\": true}").statusCode(200).body("paused", is(true)).body("rate", is(50.0f));
        awaitQuiet();
        long seen = generatedSinceTestStart().size();
        long sent = GeneratorApi.status().sent();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> generatedSinceTestStart().size() == seen && GeneratorApi.status().sent() == sent);

        GeneratorApi.put("{\"paused\": false}").statusCode(200).body("paused", is(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> generatedSinceTestStart().size() > seen);
        assertTrue(GeneratorApi.status().sent() > sent);
    }

    /** Waits until no record has arrived for half a second: the batch in flight when pausing has landed. */
    private void awaitQuiet() {
        AtomicLong previous = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> previous.getAndSet(generatedSinceTestStart().size()) == generatedSinceTestStart().size());
    }

    private List<ConsumerRecord<String, String>> generatedSinceTestStart() {
        return records.getRecords().stream()
                .filter(r -> PAGES.contains(r.key()) && r.timestamp() >= testStart)
                .toList();
    }
}
