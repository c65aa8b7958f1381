package dev.pulse.producer.tracker;

import static dev.pulse.producer.PageEventsTopic.await;
import static dev.pulse.producer.PageEventsTopic.before;
import static dev.pulse.producer.PageEventsTopic.uniquePage;
import static dev.pulse.producer.PageEventsTopic.user;
import static dev.pulse.producer.PageEventsTopic.value;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.producer.PageEventsTopic;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * POST /beacon as browsers call it: text/plain bodies from allowed origins only (the test profile allows
 * https://site.example and http://localhost:8999), checked as POST /events checks JSON, bots not written.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class BeaconResourceTest {

    static final String SITE = "https://site.example";
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    static final String BEACON_TYPE = "text/plain;charset=UTF-8";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @TestHTTPResource("/beacon")
    URL beacon;

    @Test
    void viewAndLeaveFromAnAllowedPageAreWrittenKeyedByPage() {
        String page = uniquePage();
        fromSite().contentType(BEACON_TYPE).body(tracker(page, "view", 0, "v-1"))
                .when().post("/beacon")
                .then().statusCode(202).contentType(ContentType.JSON).body("accepted", is(1))
                .header("Access-Control-Allow-Origin", SITE)
                .header("Vary", containsString("Origin"));
        fromSite().contentType(ContentType.JSON).body(tracker(page, "leave", 5_320, "v-1"))
                .when().post("/beacon")
                .then().statusCode(202).body("accepted", is(1));

        List<ConsumerRecord<String, String>> records = await(companion, r -> page.equals(r.key()), 2);
        JsonNode view = value(records.get(0));
        assertThat(view.get("kind").asText(), is("view"));
        assertThat(view.get("duration").asLong(), is(0L));
        assertThat(view.get("view").asText(), is("v-1"));
        assertThat("dated on receipt", view.hasNonNull("date"), is(true));
        JsonNode leave = value(records.get(1));
        assertThat(leave.get("kind").asText(), is("leave"));
        assertThat(leave.get("duration").asLong(), is(5_320L));
        assertThat(leave.get("user").asText(), is("visitor-1"));
    }

    @Test
    void anOriginAllowedWithATrailingSlashIsAllowed() {
        String page = uniquePage();
        given().header("Origin", "http://localhost:8999").header("User-Agent", BROWSER).contentType(BEACON_TYPE)
                .body(tracker(page, "view", 0, "v-2"))
                .when().post("/beacon")
                .then().statusCode(202).header("Access-Control-Allow-Origin", "http://localhost:8999");
        assertThat(await(companion, r -> page.equals(r.key()), 1).size(), is(1));
    }

    @Test
    void foreignOriginsAndRequestsWithoutOriginAreRefusedAndNothingIsWritten() {
        String page = uniquePage();
        double refusedBefore = metric("pulse_producer_tracker_origins_refused_total");
        for (String origin : new String[] { "https://evil.example", "https://site.example.evil.example", "http://site.example",
                "null" }) {
            given().header("Origin", origin).header("User-Agent", BROWSER).contentType(BEACON_TYPE)
                    .body(tracker(page, "view", 0, "foreign"))
                    .when().post("/beacon")
                    .then().statusCode(403).contentType(ContentType.JSON)
                    .header("Access-Control-Allow-Origin", nullValue())
                    .body("error", containsString("pulse.producer.tracker.allowed-origins"));
        }
        given().header("User-Agent", BROWSER).contentType(BEACON_TYPE).body(tracker(page, "view", 0, "no-origin"))
                .when().post("/beacon")
                .then().statusCode(403).contentType(ContentType.JSON);

        assertThat(metric("pulse_producer_tracker_origins_refused_total"), greaterThanOrEqualTo(refusedBefore + 5));
        assertNothingWrittenBeforeASentinel(page);
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsOnly() {
        given().header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options("/beacon")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", SITE)
                .header("Access-Control-Allow-Methods", "POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "86400");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/beacon")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void eventsKeepTheirOwnRulesAndGetNoCorsHeaders() {
        String page = uniquePage();
        given().header("Origin", SITE).contentType(ContentType.JSON).body(tracker(page, "view", 0, "v-3"))
                .when().post("/events")
                .then().statusCode(202).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                .when().options("/events")
                .then().header("Access-Control-Allow-Origin", nullValue());
        assertThat(await(companion, r -> page.equals(r.key()), 1).size(), is(1));
    }

    @Test
    void botsAreCountedNotWritten() {
        String page = uniquePage();
        double botsBefore = metric("pulse_producer_tracker_bots_total");
        for (String agent : new String[] { "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0) Chrome/116 Safari/537.36",
                "curl/8.5.0", "" }) {
            fromSite(agent).contentType(BEACON_TYPE).body(tracker(page, "view", 0, "bot"))
                    .when().post("/beacon")
                    .then().statusCode(202).body("accepted", is(0));
        }
        assertThat(metric("pulse_producer_tracker_bots_total"), greaterThanOrEqualTo(botsBefore + 4));
        assertNothingWrittenBeforeASentinel(page);
    }

    @Test
    void invalidBeaconsAreRefusedWholeWithReasonsThePageMayRead() {
        String page = uniquePage();
        fromSite().contentType(BEACON_TYPE).body(tracker(page, "click", 0, "v-4"))
                .when().post("/beacon")
                .then().statusCode(400).contentType(ContentType.JSON)
                .header("Access-Control-Allow-Origin", SITE)
                .body("violations[0].field", is("kind"))
                .body("violations[0].reason", containsString("\"view\" or \"leave\""));
        fromSite().contentType(BEACON_TYPE).body(tracker(page, "view", 1_200, "v-4"))
                .when().post("/beacon")
                .then().statusCode(400).body("violations[0].field", is("duration"));
        fromSite().contentType(BEACON_TYPE)
                .body("[" + tracker(page, "view", 0, "ok") + ",{\"name\":\"" + page + "\",\"user\":7,\"duration\":0}]")
                .when().post("/beacon")
                .then().statusCode(400).body("violations[0].index", is(1)).body("violations[0].field", is("user"));
        fromSite().contentType(BEACON_TYPE).body("")
                .when().post("/beacon")
                .then().statusCode(400).contentType(ContentType.JSON);
        fromSite().contentType("application/xml").body("<view/>")
                .when().post("/beacon")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", equalTo("Content-Type must be text/plain or application/json"));
        assertNothingWrittenBeforeASentinel(page);
    }

    @Test
    void beaconsOverTheirLimitAreRefusedWithJsonDeclaredOrChunked() throws Exception {
        String page = uniquePage();
        String padded = tracker(page, "view", 0, "v-5") + " ".repeat(5_000);
        fromSite().contentType(BEACON_TYPE).body(padded)
                .when().post("/beacon")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", is("The request body is larger than the limit of 4096 bytes"));

        HttpRequest chunked = HttpRequest.newBuilder(URI.create(beacon.toString()))
                .header("Origin", SITE).header("User-Agent", BROWSER).header("Content-Type", BEACON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body(), answer.statusCode(), is(413));
        assertThat(answer.body(), containsString("larger than the limit of 4096 bytes"));
        assertNothingWrittenBeforeASentinel(page);
    }

    private static RequestSpecification fromSite() {
        return fromSite(BROWSER);
    }

    private static RequestSpecification fromSite(String userAgent) {
        return given().header("Origin", SITE).header("User-Agent", userAgent);
    }

    static String tracker(String page, String kind, long duration, String view) {
        return "{\"name\":\"" + page + "\",\"user\":\"visitor-1\",\"duration\":" + duration + ",\"kind\":\"" + kind
                + "\",\"view\":\"" + view + "\"}";
    }

    /** Same key, same partition: anything written for {@code page} before the sentinel is what was refused. */
    private void assertNothingWrittenBeforeASentinel(String page) {
        given().contentType(ContentType.JSON).body(PageEventsTopic.event(page, "sentinel", 500))
                .when().post("/events")
                .then().statusCode(202);
        assertThat(before(companion, page, r -> "sentinel".equals(user(r))).stream().map(PageEventsTopic::user).toList(),
                is(empty()));
    }

    static double metric(String name) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in /q/metrics"));
    }
}
