package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.PackagedApp;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The packaged consumer, stopped and started again: offsets committed by one run are where the next one starts. */
class ConsumerRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaCompanion companion;
    private static Map<String, String> config;

    @BeforeAll
    static void broker() {
        EmbeddedKafka broker = KafkaBrokerTestResource.broker();
        companion = new KafkaCompanion(broker.bootstrapServers());
        // A group of its own, so nothing else has committed for it. The packaged app runs its production profile:
        // access control is off explicitly, as for the other tests of what the consumer does.
        config = Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "pulse.consumer.group-id", PageEventRecords.uniquePage("restart-group"),
                "pulse.access.open", "true");
    }

    @AfterAll
    static void closeCompanion() {
        companion.close();
    }

    @Test
    void gracefullyRestartedConsumerResumesFromItsCommittedOffset() {
        String page = PageEventRecords.uniquePage("restart");
        PageEventRecords.produce(companion,
                PageEventRecords.event(page, "before-1", 10),
                PageEventRecords.event(page, "before-2", 20),
                PageEventRecords.event(page, "before-3", 30));

        try (PackagedApp first = PackagedApp.start("consumer", "consumer-first-run", PackagedApp.ANY_PORT, config)) {
            await().atMost(WAIT).untilAsserted(() -> given().get(first.url("/stats")).then()
                    .body("pages.'" + page + "'", equalTo(3)));
        } // SIGTERM: the connector commits what was processed before it leaves the group

        PageEventRecords.produce(companion,
                PageEventRecords.event(page, "while-down-1", 40),
                PageEventRecords.event(page, "while-down-2", 50));

        try (PackagedApp second = PackagedApp.start("consumer", "consumer-second-run", PackagedApp.ANY_PORT, config)) {
            // One key, one partition: had the second run started before the committed offset, it would have
            // counted the three earlier events before these two.
            await().atMost(WAIT).untilAsserted(() -> given().get(second.url("/events/recent")).then()
                    .body("user", hasItems("while-down-1", "while-down-2")));
            given().get(second.url("/stats")).then().body("pages.'" + page + "'", equalTo(2));
        }
    }
}
