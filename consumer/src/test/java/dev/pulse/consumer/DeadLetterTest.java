package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    static Stream<Arguments> poisonRecords() {
        return Stream.of(
                Arguments.of("not JSON", utf8("{\"name\": \"P1\", \"user\": "), "not valid JSON"),
                Arguments.of("JSON of the wrong shape", utf8("[\"P1\", \"U1\", 42]"), "must be a JSON object"),
                Arguments.of("a field of the wrong type", utf8("{\"name\": \"P1\", \"user\": \"U1\", \"duration\": \"long\"}"),
                        "duration"),
                Arguments.of("a rule violation", utf8("{\"name\": \"P1\", \"user\": \"U1\", \"duration\": -5}"), "duration"),
                Arguments.of("no value at all", null, "no value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonRecords")
    void poisonRecordIsDeadLetteredWithItsBytesAndTheNextRecordIsConsumed(String what, byte[] poison, String reasonPart) {
        // Poison and good record share the key, hence the partition: the good one is consumed only if the
        // consumer got past the poison one.
        String page = PageEventRecords.uniquePage("poison");
        long deadLetteredBefore = given().get("/stats").then().extract().jsonPath().getLong("deadLettered");

        RecordMetadata poisonWritten = PageEventRecords.produceRaw(companion,
                new ProducerRecord<>(PageEventRecords.TOPIC, page, poison));
        PageEventRecords.produce(companion, PageEventRecords.event(page, "after-the-poison", 100));

        ConsumerRecord<String, byte[]> dead = deadLetterKeyed(page);
        if (poison == null) {
            assertNull(dead.value(), "a record without value stays without value");
        } else {
            assertArrayEquals(poison, dead.value(), "the original bytes, not a re-serialization");
        }
        String reason = header(dead, "dead-letter-reason");
        assertTrue(reason.startsWith("Not a valid page event: ") && reason.contains(reasonPart),
                "reason names the problem: " + reason);
        assertEquals(PageEventRecords.TOPIC, header(dead, "dead-letter-topic"));
        assertEquals(String.valueOf(poisonWritten.partition()), header(dead, "dead-letter-partition"));
        assertEquals(String.valueOf(poisonWritten.offset()), header(dead, "dead-letter-offset"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/stats").then()
                .body("pages.'" + page + "'", equalTo(1))
                .body("deadLettered", equalTo((int) deadLetteredBefore + 1)));
    }

    private ConsumerRecord<String, byte[]> deadLetterKeyed(String key) {
        return companion.<String, byte[]> consumeWithDeserializers(StringDeserializer.class, ByteArrayDeserializer.class)
                .withGroupId(PageEventRecords.uniquePage("dlq-reader"))
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(PageEventRecords.DEAD_LETTER_TOPIC,
                        records -> records.select().where(record -> key.equals(record.key())).select().first(1))
                .awaitCompletion(WAIT)
                .getFirstRecord();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, name + " header, among " + record.headers());
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
