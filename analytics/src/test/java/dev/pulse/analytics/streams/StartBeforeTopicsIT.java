package dev.pulse.analytics.streams;

import static dev.pulse.analytics.CountResponses.countsByWindow;
import static dev.pulse.analytics.CountResponses.view;
import static dev.pulse.analytics.CountResponses.windowOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.PackagedApp;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The packaged analytics started before its topics exist: it waits for them, alive and saying in its readiness
 * which topics are missing, and once they are created it becomes ready and counts, without a restart.
 */
class StartBeforeTopicsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String NAME = "analytics-late-topics";

    @Test
    void waitsForItsTopicsThenCounts() throws IOException {
        EmbeddedKafka broker = KafkaBrokerTestResource.broker();
        String applicationId = "pulse-analytics-late-topics-" + UUID.randomUUID();
        String events = applicationId + "-events";
        String counts = applicationId + "-counts";
        String stats = applicationId + "-stats";
        String deadLetter = applicationId + "-dlq";
        int port = EmbeddedKafka.freePort();
        Map<String, String> config = new HashMap<>(Map.of(
                "pulse.analytics.topic.page-events", events,
                "pulse.analytics.topic.page-counts", counts,
                "pulse.analytics.topic.page-stats", stats,
                "pulse.analytics.topic.dead-letter", deadLetter));
        config.putAll(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "kafka-streams.state.dir", Files.createTempDirectory("pulse-analytics-late-topics-").toString(),
                "quarkus.kafka-streams.application-id", applicationId,
                "quarkus.kafka-streams.application-server", "127.0.0.1:" + port,
                // What it does while it waits is the point here, not who may ask (AnalyticsAccessIT).
                "pulse.access.open", "true"));
        CompletableFuture<PackagedApp> starting = CompletableFuture.supplyAsync(
                () -> PackagedApp.start("analytics", NAME, port, config));
        String readiness = "http://127.0.0.1:" + port + "/q/health/ready";
        try {
            JsonPath waiting = await("readiness naming the missing topics").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> readinessOf(readiness), answer -> answer != null && answer.statusCode() == 503
                            && answer.asString().contains("missing_topics"))
                    .jsonPath();
            assertEquals(String.join(",", events, counts, stats, deadLetter),
                    waiting.getString("checks.find { it.name == 'Kafka topics' }.data.missing_topics"));
            // Once both stream threads have met the missing topic, each waits for it: still not ready, still alive.
            Path log = Path.of("target", NAME + ".log");
            await("both stream threads waiting for the topic").atMost(PATIENCE).until(() -> Files.readAllLines(log).stream()
                    .filter(line -> line.contains("Topic " + events + " does not exist"))
                    .map(line -> line.contains("StreamThread-1") ? 1 : line.contains("StreamThread-2") ? 2 : 0)
                    .collect(Collectors.toSet()).containsAll(Set.of(1, 2)));
            assertFalse(starting.isDone(), "ready, or failed, while its topics do not exist: " + starting);
            assertEquals(503, readinessOf(readiness).statusCode());

            broker.createTopics(Map.of(events, 2, counts, 2, stats, 2, deadLetter, 1));
            try (PackagedApp analytics = starting.join()) {
                Instant window = windowOf(Instant.now().minusSeconds(20));
                ProducerRecord<String, String> view = view("late", "late-topics", window, 150);
                try (KafkaCompanion companion = new KafkaCompanion(broker.bootstrapServers())) {
                    companion.produceStrings().fromRecords(new ProducerRecord<>(events, view.key(), view.value()))
                            .awaitCompletion(PATIENCE);
                }
                await("the view counted").atMost(PATIENCE).untilAsserted(() -> {
                    Response answer = given().queryParam("from", window.toString()).queryParam("to", window.toString())
                            .get(analytics.url("/counts/history"));
                    assertEquals(200, answer.statusCode(), answer.asString());
                    assertEquals(Map.of(window, Map.of("late-topics", 1L)), countsByWindow(answer.jsonPath(), Set.of("late-topics")));
                });
                assertTrue(analytics.isAlive());
            }
        } finally {
            starting.thenAccept(PackagedApp::kill);
        }
    }

    private static Response readinessOf(String url) {
        try {
            return given().get(url);
        } catch (Exception notListening) { // rest-assured rethrows the ConnectException as it is
            return null;
        }
    }
}
