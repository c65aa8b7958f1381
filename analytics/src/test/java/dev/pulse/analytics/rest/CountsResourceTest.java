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
import java.time.temporal.ChronoUnit;
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
        List<String> internal = List.of("/internal/resolutions/PT5S/counts/history",
                "/internal/resolutions/PT5S/partitions/0/counts/history");
        for (String path : List.of("/counts/history", internal.get(0), internal.get(1))) {
            assertBadRequest(path, Map.of("name", "p", "from", "yesterday"),
                    "Invalid value for parameter 'from': Text 'yesterday' could not be parsed at index 0");
            assertBadRequest(path, Map.of("name", "p", "to", "2026-11-24T10:00:00"),
                    "Invalid value for parameter 'to': Text '2026-11-24T10:00:00' could not be parsed at index 19");
        }
        assertBadRequest("/counts/history", Map.of("name", "p", "from", "2026-11-24T10:00:01Z", "to", "2026-11-24T10:00:00Z"),
                "from (2026-11-24T10:00:01Z) is after to (2026-11-24T10:00:00Z)");
        assertBadRequest("/counts/history", Map.of("from", "2024-01-01T00:00:00Z"), "from (2024-01-01T00:00:00Z) is "
                + "older than any window kept: the longest-kept resolution, P1D, is kept for PT9600H");
        assertBadRequest("/counts/history", Map.of("resolution", "PT10S"),
                "resolution: \"PT10S\" is not one of [PT5S, PT1M, PT1H, P1D]");
        String twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).toString();
        assertBadRequest("/counts/history", Map.of("resolution", "PT5S", "from", twoHoursAgo),
                "resolution: PT5S windows are kept for PT1H, and the range starts before that (" + twoHoursAgo + ")");
        for (String path : internal) {
            assertBadRequest(path, Map.of("name", "p", "from", "2026-11-24T10:00:01Z", "to", "2026-11-24T10:00:00Z"),
                    "from and to must name windows, from before to: 2026-11-24T10:00:01Z, 2026-11-24T10:00:00Z");
            assertBadRequest(path.replace("PT5S", "PT7S"), Map.of("name", "p", "from", "2026-11-24T10:00:00Z",
                    "to", "2026-11-24T10:00:05Z"), "resolution: \"PT7S\" is not one of [PT5S, PT1M, PT1H, P1D]");
        }
        assertBadRequest(internal.get(1), Map.of(), "name: a page name is required");
        assertBadRequest("/internal/resolutions/PT5S/partitions/zero/counts/history", Map.of("name", "p"),
                "Invalid value for parameter 'partition': For input string: \"zero\"");
    }

    @Test
    void internalOnePageQueryReadsThePartitionItIsGivenAndNoOther() {
        String page = "internal " + id;
        int partition = Utils.toPositive(Utils.murmur2(page.getBytes(UTF_8))) % 6;
        Instant w = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        String to = w.plus(WINDOW).toString();
        String internal = "/internal/resolutions/PT5S/partitions/%d/counts/history";
        produce(List.of(view(page, page, w, 500), view(null, page, w, 500)));

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", page).queryParam("from", w.toString())
                .queryParam("to", to).get(internal.formatted(partition)).then().statusCode(200)
                .body("partitions", equalTo(List.of(partition)))
                .body("windows", equalTo(List.of(Map.of("windowStart", w.toString(), "windowEnd", w.plus(WINDOW).toString(),
                        "counts", Map.of(page, 2))))));
        // The partition is the asking instance's to name: another one holds nothing of the page.
        int other = (partition + 1) % 6;
        given().queryParam("name", page).queryParam("from", w.toString()).queryParam("to", to)
                .get(internal.formatted(other)).then().statusCode(200).body("partitions", equalTo(List.of(other)))
                .body("windows", equalTo(List.of()));
        given().queryParam("name", page).queryParam("from", w.toString()).queryParam("to", to)
                .get(internal.formatted(6)).then().statusCode(503)
                .header("Retry-After", "2").contentType(ContentType.JSON)
                .body("error", allOf(startsWith("partition 6 holding the page is not counted on "), endsWith(" (any more)")));
    }

    @Test
    void historyOfALongerRangeComesInCoarserWindowsThatCountTheSameEvents() {
        String page = "rollup " + id;
        Instant now = Instant.now();
        produce(List.of(view(page, page, now, 500), view(page, page, now.minusSeconds(30), 500)));
        String weekAgo = now.minus(Duration.ofDays(7)).toString();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath week = given().queryParam("name", page).queryParam("from", weekAgo).get("/counts/history")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("PT1H", week.getString("resolution"), "7 days: 169 hours, minutes not kept that far back");
            assertEquals(now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS).toString(), week.getString("from"));
            List<Map<String, Object>> windows = week.getList("windows");
            assertEquals(2L, windows.stream().mapToLong(window -> ((Map<?, ?>) window.get("counts")).containsKey(page)
                    ? ((Number) ((Map<?, ?>) window.get("counts")).get(page)).longValue() : 0).sum());
        });
        given().queryParam("name", page).queryParam("from", hour.toString()).queryParam("resolution", "PT1M")
                .get("/counts/history").then().statusCode(200).body("resolution", equalTo("PT1M"))
                .body("from", equalTo(hour.toString()));
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
                .body("paths", not(hasKey("/internal/resolutions/{resolution}/counts/history")));
    }

    private static void assertBadRequest(String path, Map<String, String> parameters, String message) {
        given().queryParams(parameters).get(path).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo(message));
    }

    private void produce(List<ProducerRecord<String, String>> records) {
        companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);
    }
}
