package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.PackagedApp;
import dev.pulse.testing.RunCredentials;

/**
 * The whole pipeline as users run it: events posted to the producer with an ingest key go through a real Kafka broker
 * and analytics' Kafka Streams counts, and show up in a real browser signed in on the dashboard's page, which asks
 * analytics with its own key. Every service runs with access control on, with the same {@link RunCredentials}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardEndToEndIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ALERTING_PAGE = "<img src=x onerror=alert(1)>";
    private static final String FLAGGING_PAGE = "<img src=x onerror=\"window.__pwned=true\">";

    private static String bootstrapServers;
    private static int analyticsPort;
    private static Path analyticsState;
    private static String analyticsApplicationId;
    private static PackagedApp analytics;
    private static PackagedApp producer;
    private static PackagedApp dashboard;
    private static HeadlessBrowser browser;

    @BeforeAll
    static void startPipeline() throws IOException {
        // Without a browser each test reports its skip (requireBrowser); an assumption failing here would abort
        // the class before any test, and the run would report no test at all.
        if (!HeadlessBrowser.installed()) {
            return;
        }
        bootstrapServers = KafkaBrokerTestResource.broker().bootstrapServers();
        analyticsPort = EmbeddedKafka.freePort();
        analyticsState = Files.createTempDirectory("pulse-e2e-streams-");
        analyticsApplicationId = "pulse-analytics-e2e-" + UUID.randomUUID();
        analytics = startAnalytics();
        producer = PackagedApp.start("producer", "e2e-producer", PackagedApp.ANY_PORT,
                secured(Map.of("kafka.bootstrap.servers", bootstrapServers)));
        dashboard = PackagedApp.start("dashboard", "e2e-dashboard", PackagedApp.ANY_PORT, secured(Map.of(
                "quarkus.rest-client.analytics.url", analytics.url(""),
                "pulse.dashboard.analytics-key", RunCredentials.key(RunCredentials.VIEWER_KEY_NAME))));
        browser = HeadlessBrowser.start();
        signIn();
    }

    /** A service's configuration, with access control on. */
    private static Map<String, String> secured(Map<String, String> config) {
        Map<String, String> secured = new HashMap<>(RunCredentials.config());
        secured.putAll(config);
        return secured;
    }

    /** Signs the browser in as a viewer, on the sign-in page the dashboard sends it to. */
    private static void signIn() {
        browser.driver().get(dashboard.url("/"));
        browser.await("the sign-in page", () -> browser.driver().getCurrentUrl().endsWith(SignInPage.PATH) ? true : null);
        browser.driver().findElement(By.name("j_username")).sendKeys(RunCredentials.VIEWER);
        browser.driver().findElement(By.name("j_password")).sendKeys(RunCredentials.password(RunCredentials.VIEWER));
        browser.driver().findElement(By.cssSelector("#sign-in button[type='submit']")).click();
        browser.await("the dashboard", () -> browser.driver().getCurrentUrl().equals(dashboard.url("/")) ? true : null);
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(HeadlessBrowser.installed(), HeadlessBrowser.MISSING);
    }

    @AfterAll
    static void stopPipeline() {
        if (browser != null) {
            browser.close();
        }
        for (PackagedApp app : new PackagedApp[] { dashboard, producer, analytics }) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    @Order(1)
    void browserShowsLiveCountsOneSeriesPerPageAndRunsNoPageName() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("home-" + run, 3);
        expected.put("cart-" + run, 2);
        expected.put(ALERTING_PAGE, 2);
        expected.put(FLAGGING_PAGE, 1);
        Instant date = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> events = eventsFor(expected, date, run);
        // One visitor, three views: the page the visitors chart must tell apart.
        String repeated = "repeat-" + run;
        for (int i = 0; i < 3; i++) {
            events.add(event(repeated, user(run, 0), date));
        }
        expected.put(repeated, 3);
        post(events);

        browser.driver().get(dashboard.url("/"));

        Map<String, String> table = browser.await("the table to show the posted counts", () -> {
            Map<String, String> shown = browser.rows("#counts");
            return expected.keySet().stream().allMatch(page -> String.valueOf(expected.get(page)).equals(shown.get(page)))
                    ? shown : null;
        });
        expected.forEach((page, count) -> assertEquals(String.valueOf(count), table.get(page), page));

        List<String> series = browser.await("one chart series per page", () -> {
            List<String> labels = chartSeries();
            return labels.containsAll(expected.keySet()) ? labels : null;
        });
        assertEquals(series.size(), series.stream().distinct().count(), "no page has two series: " + series);
        assertEquals(expected.keySet(), Set.copyOf(series), "the chart's series are the posted pages");
        expected.forEach((page, count) -> assertEquals(count, highestPointOf(page), "chart line of " + page));

        // Headline and top pages over the last 5 minutes: 11 views by 3 visitors, each counted once across pages.
        browser.await("the headline figures", () -> "11".equals(browser.text("views")) && "3".equals(browser.text("visitors")) ? true : null);
        Map<String, String> topPages = browser.await("the top pages", () -> {
            Map<String, String> shown = browser.rows("#top-pages");
            return shown.size() == expected.size() ? shown : null;
        });
        assertEquals(Map.of(
                "home-" + run, "3|3|1.5 s|1.5 s",
                repeated, "3|1|1.5 s|1.5 s",
                "cart-" + run, "2|2|1.5 s|1.5 s",
                ALERTING_PAGE, "2|2|1.5 s|1.5 s",
                FLAGGING_PAGE, "1|1|1.5 s|1.5 s"), topPages);
        assertEquals(List.of("home-" + run, repeated, ALERTING_PAGE, "cart-" + run, FLAGGING_PAGE),
                List.copyOf(topPages.keySet()), "ranked by views, then by name");

        browser.driver().findElement(By.cssSelector("input[name=measure][value=visitors]")).click();
        browser.await("the chart to show visitors", () -> highestPointOf(repeated) == 1 ? true : null);
        assertEquals(3, highestPointOf("home-" + run), "three visitors of home");

        assertEquals("live", browser.status());
        assertTrue(browser.driver().findElements(By.cssSelector("#counts img, #top-pages img")).isEmpty(), "a page name became an element");
        assertEquals(Boolean.FALSE, browser.script("return window.__pwned === true"), "a page name ran as script");
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), "a page name raised an alert");
        browser.screenshot("dashboard-e2e.png");
    }

    @Test
    @Order(2)
    void pageSaysWhenAnalyticsIsAwayAndRecoversByItself() throws Exception {
        browser.driver().get(dashboard.url("/"));
        browser.await("the page to go live", () -> "live".equals(browser.status()) ? true : null);

        analytics.kill();
        String unreachable = browser.await("the page to say analytics is unreachable",
                () -> "unreachable".equals(browser.status()) ? browser.text("status") : null);
        assertTrue(unreachable.startsWith("analytics unreachable"), unreachable);
        browser.screenshot("dashboard-e2e-unreachable.png");

        analytics = startAnalytics();
        browser.await("the page to go live again", () -> "live".equals(browser.status()) ? true : null);
    }

    private static PackagedApp startAnalytics() {
        return PackagedApp.start("analytics", "e2e-analytics", analyticsPort, secured(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "kafka-streams.state.dir", analyticsState.toString(),
                "quarkus.kafka-streams.application-id", analyticsApplicationId,
                "quarkus.kafka-streams.application-server", "127.0.0.1:" + analyticsPort,
                "kafka-streams.commit.interval.ms", "100",
                "kafka-streams.statestore.cache.max.bytes", "0",
                "kafka-streams.num.standby.replicas", "0")));
    }

    /** Each page's views by as many visitors, the same few on every page. */
    private static List<Map<String, Object>> eventsFor(Map<String, Integer> views, Instant date, String run) {
        List<Map<String, Object>> events = new ArrayList<>();
        views.forEach((page, count) -> {
            for (int i = 0; i < count; i++) {
                events.add(event(page, user(run, i), date));
            }
        });
        return events;
    }

    private static Map<String, Object> event(String page, String user, Instant date) {
        return Map.of("name", page, "user", user, "date", date.toString(), "duration", 1500);
    }

    private static String user(String run, int i) {
        return "e2e-" + run + "-user-" + i;
    }

    private static void post(List<Map<String, Object>> events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(producer.url("/events")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RunCredentials.key(RunCredentials.INGEST_KEY_NAME))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(events))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(events.size(), JSON.readTree(response.body()).get("accepted").asInt(), response.body());
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartSeries() {
        return (List<String>) browser.script("const chart = Chart.getChart(document.getElementById('chart'));"
                + "return chart ? chart.data.datasets.map(dataset => dataset.label) : [];");
    }

    private static int highestPointOf(String page) {
        Number highest = (Number) browser.script("return Math.max(...Chart.getChart(document.getElementById('chart'))"
                + ".data.datasets.find(dataset => dataset.label === arguments[0]).data)", page);
        return highest.intValue();
    }
}
