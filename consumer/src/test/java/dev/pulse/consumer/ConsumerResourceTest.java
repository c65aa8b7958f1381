package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pulse.event.PageEvent;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class ConsumerResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void consumedEventsShowUpInStatsAndRecentEvents() {
        String home = PageEventRecords.uniquePage("home");
        String about = PageEventRecords.uniquePage("about");
        PageEvent first = PageEventRecords.event(home, "alice", 1200);
        PageEvent second = PageEventRecords.event(about, "bob", 300);
        PageEvent third = PageEventRecords.event(home, "carol", 4500);
        List<RecordMetadata> written = PageEventRecords.produce(companion, first, second, third);

        await().atMost(WAIT).untilAsserted(() -> given().get("/stats").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("pages.'" + home + "'", equalTo(2))
                .body("pages.'" + about + "'", equalTo(1)));

        List<Map<String, Object>> recent = given().get("/events/recent").then()
                .statusCode(200)
                .extract().jsonPath().getList("findAll { it.name == '" + home + "' || it.name == '" + about + "' }");
        // Newest first: the events come back in the reverse order of consumption, which for one key (one partition)
        // is the reverse order of production.
        List<Map<String, Object>> homeEvents = recent.stream().filter(e -> home.equals(e.get("name"))).toList();
        assertEquals(2, homeEvents.size(), "both home events: " + recent);
        assertEquals(asJson(third, written.get(2)), homeEvents.get(0));
        assertEquals(asJson(first, written.get(0)), homeEvents.get(1));
        assertTrue(recent.contains(asJson(second, written.get(1))), "the about event: " + recent);
    }

    @Test
    void limitReturnsOnlyTheNewestEvents() {
        String page = PageEventRecords.uniquePage("limit");
        PageEvent older = PageEventRecords.event(page, "dan", 10);
        PageEvent newer = PageEventRecords.event(page, "erin", 20);
        List<RecordMetadata> written = PageEventRecords.produce(companion, older, newer);

        await().atMost(WAIT).untilAsserted(() -> given().get("/stats").then().body("pages.'" + page + "'", equalTo(2)));

        List<Map<String, Object>> newest = given().queryParam("limit", 1).get("/events/recent").then()
                .statusCode(200)
                .body("$", hasSize(1))
                .extract().jsonPath().getList("$");
        assertEquals(asJson(newer, written.get(1)), newest.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "101", "-1" })
    void limitOutOfRangeIsA400NamingTheParameterAndTheRange(String limit) {
        String reason = "must be a whole number from 1 to 100, got " + limit;
        given().queryParam("limit", limit).get("/events/recent").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Invalid request: limit " + reason))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("limit"))
                .body("violations[0].reason", equalTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "99999999999" })
    void limitThatIsNotAnIntegerIsA400NamingTheValue(String limit) {
        given().queryParam("limit", limit).get("/events/recent").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Invalid value for parameter 'limit': For input string: \"" + limit + "\""))
                .body("violations", nullValue());
    }

    @Test
    void aLongInvalidValueIsQuotedShortened() {
        String limit = "x".repeat(1000);
        String quoted = ("For input string: \"" + limit).substring(0, 100) + "…";
        given().queryParam("limit", limit).get("/events/recent").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Invalid value for parameter 'limit': " + quoted));
    }

    @Test
    void metricsCountConsumedEvents() {
        String page = PageEventRecords.uniquePage("metrics");
        PageEventRecords.produce(companion, PageEventRecords.event(page, "frank", 50));
        await().atMost(WAIT).untilAsserted(() -> given().get("/stats").then().body("pages.'" + page + "'", equalTo(1)));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double consumed = metrics.lines()
                .filter(line -> line.startsWith("pulse_consumer_events_consumed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pulse_consumer_events_consumed_total in\n" + metrics));
        long events = given().get("/stats").then().extract().jsonPath().getLong("events");
        assertTrue(consumed >= 1 && consumed <= events, "counter " + consumed + " vs /stats events " + events);
        assertTrue(metrics.contains("pulse_consumer_events_dead_lettered_total"), "dead-letter counter is exported");
    }

    @Test
    void readinessReportsTheChannelAndTheBroker() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka broker", "SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'Kafka broker' }.data.nodes", containsString("127.0.0.1"));
    }

    private static Map<String, Object> asJson(PageEvent event, RecordMetadata record) {
        return Map.of(
                "name", event.name(),
                "user", event.user(),
                "date", event.date().toString(),
                "duration", event.duration().intValue(),
                "partition", record.partition(),
                "offset", (int) record.offset());
    }
}
