package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.pulse.event.PageEvent;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * When the group takes its partitions back before their offsets are committed (a broker restart, a missed session),
 * it delivers the records after the last commit again. Here the broker's admin API removes the consumer from its
 * group, and the consumer commits far too rarely to have committed what it counted: every record comes again, and
 * none is counted twice.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@TestProfile(DeliveredAgainTest.RareCommits.class)
class DeliveredAgainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int EVENTS = 20;

    public static class RareCommits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.page-events.auto.commit.interval.ms", "600000");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "pulse.consumer.group-id")
    String groupId;

    @Test
    void recordsDeliveredAgainAreCountedOnce() throws Exception {
        String page = PageEventRecords.uniquePage("again");
        PageEventRecords.produce(companion, IntStream.range(0, EVENTS)
                .mapToObj(i -> PageEventRecords.event(page, "user-" + i, 100)).toArray(PageEvent[]::new));
        await().atMost(WAIT).untilAsserted(() -> given().get("/stats").then().body("pages.'" + page + "'", equalTo(EVENTS)));
        double before = deliveredAgain();

        companion.getOrCreateAdminClient()
                .removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions())
                .all().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> deliveredAgain() >= before + EVENTS);
        given().get("/stats").then().statusCode(200).body("pages.'" + page + "'", equalTo(EVENTS));
    }

    private double deliveredAgain() {
        return registry.get("pulse.consumer.events.delivered.again").functionCounter().count();
    }
}
