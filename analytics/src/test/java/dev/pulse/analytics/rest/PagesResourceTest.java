package dev.pulse.analytics.rest;

import static dev.pulse.analytics.CountResponses.WINDOW;
import static dev.pulse.analytics.CountResponses.view;
import static dev.pulse.analytics.CountResponses.windowOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.pulse.event.Topics;
import dev.pulse.sketches.DataSketches;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Page stats out of the REST API of one instance, from events into a real broker. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class PagesResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void ranksPagesWithViewsVisitorsAndTimeOnPageAndCountsEachVisitorOnce() {
        String home = "home/" + id;
        String docs = "/docs?q=a&b " + id;
        String cart = "Grüße 😀 " + id;
        // Another test's events never land in this minute, so totals are this test's alone.
        Instant w1 = windowOf(Instant.now().minus(Duration.ofMinutes(7)));
        Instant w2 = w1.plus(WINDOW);
        String ann = "ann-" + id;
        String bob = "bob-" + id;
        String cid = "cid-" + id;
        produce(List.of(
                view(home, home, ann, w1, 1_000), view(null, home, bob, w1, 3_000), view(home, home, ann, w2, 2_000),
                view(home, home, cid, w2, 50), // too short to count: not a view, not a visitor
                view(docs, docs, bob, w1, 400), view("not docs", docs, bob, w2, 600),
                view(cart, cart, cid, w2.plusMillis(4_999), 10_000)));
        String from = w1.toString();
        String to = w2.plusMillis(4_999).toString();

        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("from", from).queryParam("to", to)
                .get("/pages").then().statusCode(200).body("totals.views", equalTo(6)));
        JsonPath ranking = given().queryParam("from", from).queryParam("to", to).get("/pages")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(from, ranking.getString("from"));
        assertEquals(w2.plus(WINDOW).toString(), ranking.getString("to"), "the range covered: whole windows");
        assertEquals(false, ranking.getBoolean("partial"));
        assertEquals(Map.of("views", 6, "visitors", 3), ranking.getMap("totals"), "ann, bob and cid, each once");
        assertEquals(List.of(
                page(home, 3, 2, 2_000, 3_000, 2_000.0),
                page(docs, 2, 1, 400, 600, 500.0),
                page(cart, 1, 1, 10_000, 10_000, 10_000.0)), ranking.getList("pages"));

        assertEquals(List.of(cart, home, docs), names("duration", null, from, to));
        assertEquals(List.of(home, docs), names("visitors", "2", from, to));
        assertEquals(List.of(docs, cart, home), names("name", null, from, to));
        // A range inside w2 leaves w1 out.
        JsonPath w2Only = given().queryParam("from", w2.plusSeconds(1).toString()).queryParam("to", w2.plusSeconds(2).toString())
                .get("/pages").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("views", 3, "visitors", 3), w2Only.getMap("totals"));
    }

    @Test
    void historyGivesOnePagesStatsPerWindowWhateverItsName() {
        String page = "/a/b c/" + id + "?&=+%";
        Instant w1 = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        Instant w2 = w1.plus(WINDOW);
        produce(List.of(view(null, page, "ann", w1, 200), view(page, page, "bob", w1, 400), view(page, page, "ann", w1, 900),
                view("other", page, "ann", w2, 700), view("other " + id, "other " + id, "ann", w1, 500)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath history = given().queryParam("name", page).queryParam("from", w1.toString())
                    .get("/pages/history").then().statusCode(200).body("partial", equalTo(false))
                    .body("resolution", equalTo("PT5S")).body("from", equalTo(w1.toString())).extract().jsonPath();
            assertEquals(List.of(
                    Map.of("windowStart", w1.toString(), "windowEnd", w2.toString(), "views", 3, "visitors", 2,
                            "duration", Map.of("p50", 400, "p95", 900, "mean", 500.0f)),
                    Map.of("windowStart", w2.toString(), "windowEnd", w2.plus(WINDOW).toString(), "views", 1, "visitors", 1,
                            "duration", Map.of("p50", 700, "p95", 700, "mean", 700.0f))),
                    history.getList("windows"));
        });
        given().queryParam("name", "never seen " + id).get("/pages/history").then().statusCode(200)
                .body("windows.size()", equalTo(0)).body("partial", equalTo(false));
    }

    /**
     * During a rolling upgrade, an instance of the previous release asks this one for its share of a query and must
     * read the stats it gets back: that release reads format version 1 only. A window that took several events is
     * stored with updates queued (version 2), so sending stored bytes as they are would break it.
     */
    @Test
    void sendsOtherInstancesStatsThePreviousReleaseReads() {
        String page = "upgrade/" + id;
        Instant w1 = windowOf(Instant.now().minus(Duration.ofMinutes(2)));
        produce(List.of(view(page, page, "ann", w1, 200), view(page, page, "bob", w1.plusMillis(1), 400),
                view(page, page, "cid", w1.plusMillis(2), 900)));
        String to = w1.plus(WINDOW).toString();
        await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("name", page).queryParam("from", w1.toString())
                .queryParam("to", to).get("/pages/history").then().statusCode(200).body("windows[0].views", equalTo(3)));

        List<String> tiled = given().queryParam("segment", "PT5S/" + w1 + "/" + to).get("/internal/tiled/pages")
                .then().statusCode(200).extract().jsonPath().getList("pages.findAll { it.name == '" + page + "' }.stats");
        List<String> history = new ArrayList<>();
        for (int partition = 0; partition < Topics.PAGE_EVENTS.partitions(); partition++) {
            history.addAll(given().queryParam("name", page).queryParam("from", w1.toString()).queryParam("to", to)
                    .get("/internal/resolutions/PT5S/partitions/" + partition + "/pages/history")
                    .then().statusCode(200).extract().jsonPath().getList("windows.stats"));
        }

        assertEquals(1, tiled.size());
        assertEquals(1, history.size());
        for (String stats : List.of(tiled.get(0), history.get(0))) {
            assertEquals(new PreviousRelease.Stats(3, 1_500, 3), PreviousRelease.read(Base64.getDecoder().decode(stats)));
        }
    }

    /** How the previous release read page stats from other instances: format version 1, nothing after the sketches. */
    private static final class PreviousRelease {

        record Stats(long views, long timeOnPageTotalMs, long visitors) {
        }

        static Stats read(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte version = buffer.get();
            if (version != 1) {
                throw new SerializationException("Page stats of format version " + version + ", expected 1");
            }
            long views = buffer.getLong();
            long timeOnPageTotalMs = buffer.getLong();
            int visitorsLength = buffer.getInt();
            HllSketch visitors = DataSketches.heapifyHll(bytes, buffer.position(), visitorsLength);
            buffer.position(buffer.position() + visitorsLength);
            int timesLength = buffer.getInt();
            DataSketches.heapifyKll(bytes, buffer.position(), timesLength);
            buffer.position(buffer.position() + timesLength);
            if (buffer.hasRemaining()) {
                throw new SerializationException("Page stats followed by " + buffer.remaining() + " more bytes");
            }
            return new Stats(views, timeOnPageTotalMs, Math.round(visitors.getEstimate()));
        }
    }

    @Test
    void rejectsQueriesItCannotAnswerWithAJsonError() {
        assertBadRequest("/pages", Map.of("sort", "popularity"), "Invalid value for parameter 'sort': "
                + "'popularity' is not one of views, visitors, duration, name");
        assertBadRequest("/pages", Map.of("sort", "VIEWS"), "Invalid value for parameter 'sort': "
                + "'VIEWS' is not one of views, visitors, duration, name");
        assertBadRequest("/pages", Map.of("top", "many"), "Invalid value for parameter 'top': For input string: \"many\"");
        assertBadRequest("/pages", Map.of("top", "2.5"), "Invalid value for parameter 'top': For input string: \"2.5\"");
        assertBadRequest("/pages", Map.of("top", " 5"), "Invalid value for parameter 'top': For input string: \" 5\"");
        assertBadRequest("/pages", Map.of("sort", " views"), "Invalid value for parameter 'sort': "
                + "' views' is not one of views, visitors, duration, name");
        assertBadRequest("/pages", Map.of("from", "yesterday"),
                "Invalid value for parameter 'from': Text 'yesterday' could not be parsed at index 0");
        assertBadRequest("/pages", Map.of("from", "2026-11-24T10:00:01Z", "to", "2026-11-24T10:00:00Z"),
                "from (2026-11-24T10:00:01Z) is after to (2026-11-24T10:00:00Z)");
        assertBadRequest("/pages", Map.of("from", "2024-01-01T00:00:00Z"), "from (2024-01-01T00:00:00Z) is "
                + "older than any window kept: the longest-kept resolution, P1D, is kept for PT9600H");
        assertBadRequest("/pages/history", Map.of("name", "p", "resolution", "daily"),
                "resolution: \"daily\" is not one of [PT5S, PT1M, PT1H, P1D]");
        assertBadRequest("/pages", Map.of("to", " "), "Invalid value for parameter 'to': Text ' ' could not be parsed at index 0");
        assertBadRequest("/pages/history", Map.of(), "name: a page name is required");
        assertBadRequest("/pages/history", Map.of("name", ""), "name: a page name is required");
        assertBadRequest("/pages/history", Map.of("name", "p", "to", "not a time"),
                "Invalid value for parameter 'to': Text 'not a time' could not be parsed at index 0");
    }

    @Test
    void refusesATopOutsideOneToAThousandNamingTheRule() {
        for (String top : List.of("0", "-1")) {
            given().queryParam("top", top).get("/pages").then().statusCode(400).contentType(ContentType.JSON)
                    .body("error", equalTo("Invalid request: top must be greater than or equal to 1"))
                    .body("violations", equalTo(List.of(Map.of("index", -1, "field", "top", "reason", "must be greater than or equal to 1"))));
        }
        given().queryParam("top", "1001").get("/pages").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Invalid request: top must be less than or equal to 1000"))
                .body("violations", equalTo(List.of(Map.of("index", -1, "field", "top", "reason", "must be less than or equal to 1000"))));
    }

    @Test
    void takesTheDefaultsAndTheEdgesOfWhatIsAllowed() {
        given().get("/pages").then().statusCode(200).body("partial", equalTo(false));
        // An empty value is an absent one.
        given().queryParam("from", "").queryParam("to", "").queryParam("top", "").queryParam("sort", "").get("/pages")
                .then().statusCode(200).body("partial", equalTo(false));
        for (String top : List.of("1", "1000")) {
            given().queryParam("top", top).get("/pages").then().statusCode(200);
        }
        for (String sort : List.of("views", "visitors", "duration", "name")) {
            given().queryParam("sort", sort).get("/pages").then().statusCode(200);
        }
        // Ten days back, hours are the finest windows kept: the range is rounded out to its hour.
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        given().queryParam("from", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(tenDaysAgo.atOffset(ZoneOffset.ofHours(1))))
                .queryParam("to", tenDaysAgo.plusMillis(1_500).toString()).get("/pages")
                .then().statusCode(200).body("from", equalTo(tenDaysAgo.toString()))
                .body("to", equalTo(tenDaysAgo.plus(Duration.ofHours(1)).toString()));
    }

    @Test
    void documentsThePageQueriesButNotTheInternalOnes() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/pages")).body("paths", hasKey("/pages/history"))
                .extract().jsonPath();
        assertEquals(List.of(), document.<String, Object> getMap("paths").keySet().stream().filter(path -> path.startsWith("/internal")).toList());
        String ranking = "paths['/pages'].get.parameters.find { it.name == '%s' }.schema";
        assertEquals("#/components/schemas/Instant", document.getString(ranking.formatted("from") + ".$ref"));
        assertEquals("date-time", document.getString("components.schemas.Instant.format"));
        assertEquals(1, document.getInt(ranking.formatted("top") + ".minimum"));
        assertEquals(1000, document.getInt(ranking.formatted("top") + ".maximum"));
        assertEquals(10, document.getInt(ranking.formatted("top") + ".default"));
        assertEquals(List.of("views", "visitors", "duration", "name"), document.getList(ranking.formatted("sort") + ".enum"));
    }

    @Test
    void anInvalidValueHeldByTwoParametersNamesNeither() {
        given().queryParams(Map.of("top", "x", "from", "x")).get("/pages").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", startsWith("Invalid value for a query or path parameter: "));
    }

    private static void assertBadRequest(String path, Map<String, String> parameters, String message) {
        given().queryParams(parameters).get(path).then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo(message)).body("$", not(hasKey("violations")));
    }

    private static List<String> names(String sort, String top, String from, String to) {
        var request = given().queryParam("sort", sort).queryParam("from", from).queryParam("to", to);
        if (top != null) {
            request.queryParam("top", top);
        }
        return request.get("/pages").then().statusCode(200).extract().jsonPath().getList("pages.name");
    }

    private static Map<String, Object> page(String name, int views, int visitors, int p50, int p95, double mean) {
        return Map.of("name", name, "views", views, "visitors", visitors,
                "duration", Map.of("p50", p50, "p95", p95, "mean", (float) mean));
    }

    private void produce(List<ProducerRecord<String, String>> records) {
        companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);
    }
}
