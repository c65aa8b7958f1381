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
public class BeaconResourceTest {

    public static final String SITE = "https://site.example";
    public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    public static final String BEACON_TYPE = "text/plain;charset=UTF-8";

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

    /** The test profile writes them HTTPS://Shop.Example, https://default-port.example:443, http://plain.example:80, https://bücher.example. */
    @Test
    void originsAllowedAsPeopleWriteThemMatchWhatBrowsersSend() {
        String page = uniquePage();
        List<String> sent = List.of("https://shop.example", "https://default-port.example", "http://plain.example",
                "https://xn--bcher-kva.example");
        for (String origin : sent) {
            given().header("Origin", origin).header("User-Agent", BROWSER).contentType(BEACON_TYPE)
                    .body(tracker(page, "view", 0, origin))
                    .when().post("/beacon")
                    .then().statusCode(202).header("Access-Control-Allow-Origin", origin);
        }
        assertThat(await(companion, r -> page.equals(r.key()), sent.size()).size(), is(sent.size()));
    }

    @Test
    void foreignOriginsAndRequestsWithoutOriginAreRefusedAndNothingIsWritten() {
        String page = uniquePage();
        double refusedBefore = metric("pulse_producer_tracker_origins_refused_total");
        for (String origin : new String[] { "https://evil.example", "https://site.example.evil.example", "http://site.example",
                "null", "https://site.example:8443", "https://bücher.example" }) {
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

        assertThat(metric("pulse_producer_tracker_origins_refused_total"), greaterThanOrEqualTo(refusedBefore + 7));
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

    /** Crawlers and scripts as they name themselves, most of them with a URL about themselves. */
    static final List<String> BOTS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/125.0.6422.175 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) "
                    + "Chrome/116.0.1938.76 Safari/537.36",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 "
                    + "Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Twitterbot/1.0",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "Mozilla/5.0 (Linux; Android 7.0; Moto G (4)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile "
                    + "Safari/537.36 Chrome-Lighthouse",
            "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)",
            "curl/8.5.0", "Wget/1.21.4", "python-requests/2.31.0", "Python-urllib/3.12", "Go-http-client/1.1",
            "okhttp/4.12.0", "axios/1.6.7", "");
    /** Phones whose model names end in "bot" (Cubot's), and other browsers: people, whose views count. */
    static final List<String> PEOPLE = List.of(
            "Mozilla/5.0 (Linux; Android 10; CUBOT_X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 "
                    + "Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 11; CUBOT NOTE 20 PRO) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/119.0.6045.163 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 9; CUBOT KING KONG 3 Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, like "
                    + "Gecko) Version/4.0 Chrome/118.0.5993.111 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile "
                    + "Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.2 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            BROWSER);

    @Test
    void botsAreCountedNotWritten() {
        String page = uniquePage();
        double botsBefore = metric("pulse_producer_tracker_bots_total");
        for (String agent : BOTS) {
            int accepted = fromSite(agent).contentType(BEACON_TYPE).body(tracker(page, "view", 0, "bot"))
                    .when().post("/beacon")
                    .then().statusCode(202).extract().path("accepted");
            assertThat(agent, accepted, is(0));
        }
        assertThat(metric("pulse_producer_tracker_bots_total"), greaterThanOrEqualTo(botsBefore + BOTS.size()));
        assertNothingWrittenBeforeASentinel(page);
    }

    @Test
    void peopleAreWrittenThoughTheirPhoneModelEndsInBot() {
        String page = uniquePage();
        for (String agent : PEOPLE) {
            int accepted = fromSite(agent).contentType(BEACON_TYPE).body(tracker(page, "view", 0, "person"))
                    .when().post("/beacon")
                    .then().statusCode(202).extract().path("accepted");
            assertThat(agent, accepted, is(1));
        }
        assertThat(await(companion, r -> page.equals(r.key()), PEOPLE.size()).size(), is(PEOPLE.size()));
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

    public static String tracker(String page, String kind, long duration, String view) {
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
