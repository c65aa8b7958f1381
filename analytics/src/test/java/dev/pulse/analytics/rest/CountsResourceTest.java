package dev.pulse.analytics.rest;

import static dev.pulse.analytics.CountResponses.WINDOW;
import static dev.pulse.analytics.CountResponses.countsByWindow;
import static dev.pulse.analytics.CountResponses.countsOf;
import static dev.pulse.analytics.CountResponses.view;
import static dev.pulse.analytics.CountResponses.windowOf;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import dev.pulse.analytics.streams.DecodeProcessor;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Events into a real broker, counts out of the REST API of one instance. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class CountsResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void historyCountsEveryPageOfEveryWindowExactlyOnce() {
        String home = "home " + id;
        String docs = "/docs/a b/Grüße/" + id;
        String query = "search?q=1&x=a+b%20c#" + id;
        String emoji = "😀 ünïcödé " + id;
        Instant w1 = windowOf(Instant.now().minus(Duration.ofMinutes(2)));
        Instant w2 = w1.plus(WINDOW);
        produce(List.of(
                view(home, home, w1, 500), view(null, home, w1.plusMillis(4_999), 101), view("not home", home, w1, 9_000),
                view(home, home, w1, 100), view(null, home, w1, 3),
                view(docs, docs, w1, 500), view(null, docs, w2, 500),
                view(null, query, w2, 500), view(query, query, w2, 500), view("x", query, w2, 500),
                view(emoji, emoji, w2.plusMillis(4_999), 200)));
        List<String> pages = List.of(home, docs, query, emoji);

        Map<Instant, Map<String, Long>> expected = Map.of(
                w1, Map.of(home, 3L, docs, 1L),
                w2, Map.of(docs, 1L, query, 3L, emoji, 1L));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath history = given().queryParam("from", w1.toString()).queryParam("to", w2.plusMillis(4_999).toString())
                    .get("/counts/history").then().statusCode(200).body("partial", equalTo(false)).extract().jsonPath();
            assertEquals(expected, countsByWindow(history, pages));
        });
        JsonPath history = given().queryParam("from", w1.toString()).queryParam("to", w2.toString())
                .get("/counts/history").then().statusCode(200).extract().jsonPath();
        assertEquals(w2.plus(WINDOW).toString(), history.getString("windows.find { it.windowStart == '" + w2 + "' }.windowEnd"));
        // Windows overlapping the range only: from inside w2 leaves w1 out.
        JsonPath fromInsideW2 = given().queryParam("from", w2.plusSeconds(1).toString()).queryParam("to", w2.plusSeconds(2).toString())
                .get("/counts/history").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of(w2, expected.get(w2)), countsByWindow(fromInsideW2, pages));
    }

    @Test
    void onePageQueryAnswersForThatPageOnlyWhateverItsName() {
        String slashy = "/a/b c/" + id + "?&=+%";
        String other = "other " + id;
        Instant w = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        produce(List.of(view(null, slashy, w, 500), view(slashy, slashy, w, 500), view(other, other, w, 500)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath history = given().queryParam("name", slashy).queryParam("from", w.toString())
                    .get("/counts/history").then().statusCode(200).body("partial", equalTo(false)).extract().jsonPath();
            assertEquals(List.of(Map.of("windowStart", w.toString(), "windowEnd", w.plus(WINDOW).toString(),
                    "counts", Map.of(slashy, 2))), history.getList("windows"));
        });
        // Another page may sit on a partition another stream thread counts: it is awaited on its own.
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", other).queryParam("from", w.toString())
                .get("/counts/history").then().statusCode(200)
                .body("windows.size()", equalTo(1)).body("windows[0].counts", equalTo(Map.of(other, 1))));
        given().queryParam("name", "never seen " + id).get("/counts/history").then().statusCode(200)
                .body("windows.size()", equalTo(0)).body("partial", equalTo(false));
    }

    @Test
    void latestWindowIsTheNewestHoldingCounts() {
        String first = "latest a " + id;
        String second = "latest b " + id;
        Instant now = Instant.now();
        produce(List.of(view(first, first, now, 500), view(null, first, now, 500), view("?", first, now, 500),
                view(second, second, now, 500)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath latest = given().get("/counts").then().statusCode(200).body("partial", equalTo(false)).extract().jsonPath();
            assertEquals(windowOf(now).toString(), latest.getString("windowStart"));
            assertEquals(windowOf(now).plus(WINDOW).toString(), latest.getString("windowEnd"));
            assertEquals(Map.of(first, 3L, second, 1L), countsOf(latest.getMap(""), List.of(first, second)));
        });
    }

    @Test
    void rejectsQueriesItCannotAnswerWithAJsonError() {
        for (String path : List.of("/counts/history", "/internal/counts/history", "/internal/partitions/0/counts/history")) {
            assertBadRequest(path, Map.of("name", "p", "from", "yesterday"),
                    "Invalid value for parameter 'from': Text 'yesterday' could not be parsed at index 0");
            assertBadRequest(path, Map.of("name", "p", "to", "2026-11-24T10:00:00"),
                    "Invalid value for parameter 'to': Text '2026-11-24T10:00:00' could not be parsed at index 19");
            assertBadRequest(path, Map.of("name", "p", "from", "2026-11-24T10:00:01Z", "to", "2026-11-24T10:00:00Z"),
                    "from (2026-11-24T10:00:01Z) is after to (2026-11-24T10:00:00Z)");
            assertBadRequest(path, Map.of("name", "p", "from", "2026-11-24T08:00:00Z", "to", "2026-11-24T09:00:01Z"),
                    "from 2026-11-24T08:00:00Z to 2026-11-24T09:00:01Z spans PT1H1S, more than the PT1H a query may cover");
        }
        assertBadRequest("/internal/partitions/0/counts/history", Map.of(), "name: a page name is required");
        assertBadRequest("/internal/partitions/zero/counts/history", Map.of("name", "p"),
                "Invalid value for parameter 'partition': For input string: \"zero\"");
    }

    @Test
    void internalOnePageQueryReadsThePartitionItIsGivenAndNoOther() {
        String page = "internal " + id;
        int partition = Utils.toPositive(Utils.murmur2(page.getBytes(UTF_8))) % 6;
        Instant w = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        produce(List.of(view(page, page, w, 500), view(null, page, w, 500)));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", page).queryParam("from", w.toString())
                .get("/internal/partitions/" + partition + "/counts/history").then().statusCode(200)
                .body("partitions", equalTo(List.of(partition)))
                .body("windows", equalTo(List.of(Map.of("windowStart", w.toString(), "windowEnd", w.plus(WINDOW).toString(),
                        "counts", Map.of(page, 2))))));
        // The partition is the asking instance's to name: another one holds nothing of the page.
        int other = (partition + 1) % 6;
        given().queryParam("name", page).queryParam("from", w.toString()).get("/internal/partitions/" + other + "/counts/history")
                .then().statusCode(200).body("partitions", equalTo(List.of(other))).body("windows", equalTo(List.of()));
        given().queryParam("name", page).get("/internal/partitions/6/counts/history").then().statusCode(503)
                .header("Retry-After", "2").contentType(ContentType.JSON)
                .body("error", allOf(startsWith("partition 6 holding the page is not counted on "), endsWith(" (any more)")));
    }

    @Test
    void deadLettersWhatIsNotAnEventAsReceivedAndGoesOnCounting() {
        String key = "garbage " + id;
        String page = "after garbage " + id;
        Instant w = windowOf(Instant.now().minus(Duration.ofSeconds(30)));
        companion.produceStrings().fromRecords(
                new ProducerRecord<>("page-events", null, key, "{\"name\": \"broken", new RecordHeaders().add("trace", id.getBytes(UTF_8))),
                view(page, page, w, 500)).awaitCompletion();

        try (ConsumerTask<String, String> deadLetters = companion.consumeStrings()
                .fromTopics("page-events-dlq", records -> records.filter(record -> key.equals(record.key())))) {
            ConsumerRecord<String, String> letter = deadLetters.awaitRecords(1, PATIENCE).getFirstRecord();
            assertEquals("{\"name\": \"broken", letter.value());
            assertEquals(id, new String(letter.headers().lastHeader("trace").value(), UTF_8));
            assertNotNull(letter.headers().lastHeader(DecodeProcessor.REASON_HEADER));
            assertEquals("pulse-analytics", new String(letter.headers().lastHeader(DecodeProcessor.APPLICATION_HEADER).value(), UTF_8));
        }
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", page).queryParam("from", w.toString())
                .get("/counts/history").then().statusCode(200).body("windows[0].counts", equalTo(Map.of(page, 1))));
    }

    @Test
    void listsThisInstanceWithEveryPartition() {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/instances").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].self", equalTo(true))
                .body("[0].partitions", equalTo(List.of(0, 1, 2, 3, 4, 5))));
    }

    @Test
    void isReadyWithKafkaStreamsMetricsAndDocumentsOnlyThePublicApi() {
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Kafka Streams counting' }.data.state", equalTo("RUNNING")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("kafka_stream_"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/counts")).body("paths", hasKey("/counts/history")).body("paths", hasKey("/instances"))
                .body("paths", not(hasKey("/internal/counts/history")));
    }

    private static void assertBadRequest(String path, Map<String, String> parameters, String message) {
        given().queryParams(parameters).get(path).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo(message));
    }

    private void produce(List<ProducerRecord<String, String>> records) {
        companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);
    }
}
