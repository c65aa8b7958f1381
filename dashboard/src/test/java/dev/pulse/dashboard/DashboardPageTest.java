package dev.pulse.dashboard;

import static dev.pulse.dashboard.FeedTick.COUNTS_EVENT;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(FakeAnalytics.class)
class DashboardPageTest extends FakeAnalyticsTest {

    @Override
    Map<String, Long> initialCounts() {
        return Map.of(StreamResourceTest.SCRIPT_PAGE, 2L, "home", 5L);
    }

    @Test
    void pageHasChartTableAndStatusAndServesItsOwnScripts() {
        String page = when().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<canvas id=\"chart\""),
                        containsString("<table id=\"counts\">"),
                        containsString("<table id=\"top-pages\">"),
                        containsString("<span id=\"visitors\""),
                        containsString("<span id=\"views\""),
                        containsString("<input type=\"radio\" name=\"measure\" value=\"visitors\">"),
                        containsString("id=\"status\""),
                        containsString("data-backfill-millis=\"300000\""),
                        containsString("data-range-refresh-millis=\"500\""),
                        containsString("data-top-pages=\"10\""),
                        containsString("<input type=\"datetime-local\" id=\"custom-from\""),
                        containsString("<input type=\"datetime-local\" id=\"custom-to\""))
                .extract().asString();

        assertEquals(List.of("live=Live", "1h=Last hour", "today=Today", "7d=7 days", "30d=30 days", "custom=Custom"),
                rangeChoicesOf(page));

        List<String> assets = assetsOf(page);
        assertEquals(List.of("/dashboard.css", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js", "/dashboard.js"), assets);
        for (String asset : assets) {
            when().get(asset).then().statusCode(200).body(not(equalTo("")));
        }
    }

    @Test
    void pageScriptNeverWritesDataAsHtml() {
        when().get("/dashboard.js").then().statusCode(200)
                .body(not(containsString("innerHTML")), not(containsString("insertAdjacentHTML")),
                        not(containsString("document.write")));
    }

    @Test
    void historyProxiesTheLastFewMinutesOfAnalytics() {
        String lastWindowEnd = given().accept("application/json").when().get("/history").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("partial", equalTo(false))
                .body("resolution", equalTo("PT5S"))
                .body("pages", equalTo(List.of("home", StreamResourceTest.SCRIPT_PAGE)))
                .body("windows[0].views", equalTo(7))
                .body("windows[0].pages", equalTo(Map.of(StreamResourceTest.SCRIPT_PAGE, 2, "home", 5)))
                .extract().path("windows[1].windowEnd");

        Map<String, String> query = FakeAnalytics.queryOf(analytics.lastHistoryRequest());
        Instant from = Instant.parse(query.get("from"));
        Instant to = Instant.parse(query.get("to"));
        assertEquals(Duration.ofMinutes(5), Duration.between(from, to));
        // The fake answers the last windows of the range asked for: the range the dashboard asked for ends now.
        assertEquals(to.truncatedTo(ChronoUnit.SECONDS).minusSeconds(to.getEpochSecond() % 5).plusSeconds(5),
                Instant.parse(lastWindowEnd));
    }

    @Test
    void historyCarriesTheViewsOfAllPagesAndOfTheTopPagesAlone() {
        Map<String, Long> thousand = new HashMap<>();
        IntStream.rangeClosed(1, 1000).forEach(i -> thousand.put("page-" + i, (long) i));
        analytics.answerCounts(thousand);

        given().accept("application/json").when().get("/history").then().statusCode(200)
                .body("pages", equalTo(IntStream.iterate(1000, i -> i > 990, i -> i - 1).mapToObj(i -> "page-" + i).toList()))
                .body("windows[0].views", equalTo(1000 * 1001 / 2))
                .body("windows[0].pages.size()", equalTo(10))
                .body("windows[0].pages['page-1000']", equalTo(1000));
    }

    @Test
    void historyIsUnavailableWhileAnalyticsIs() {
        analytics.behave(FakeAnalytics.Behaviour.REBALANCE);

        when().get("/history").then().statusCode(503)
                .header("Retry-After", "1")
                .contentType(startsWith("application/json"))
                .body("error", startsWith("analytics unreachable"));
    }

    @Test
    void healthAndMetricsTellWhatThePollsSee() throws Exception {
        when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);
            when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'analytics' }.data.analytics", equalTo("reachable"))
                    .body("checks.find { it.name == 'analytics' }.data.detail", nullValue())
                    .body("checks.find { it.name == 'analytics' }.data.connectedClients", equalTo(1));
            String metrics = when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertFalse(metricValue(metrics, "pulse_dashboard_upstream_polls_total{outcome=\"success\",range=\"live\"}") < 1, metrics);
            assertEquals(1.0, metricValue(metrics, "pulse_dashboard_clients_connected"));

            analytics.behave(FakeAnalytics.Behaviour.REBALANCE);
            browser.next(FeedTick.STATUS_EVENT);
            // Still ready: the page itself works and tells users that analytics is away.
            when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'analytics' }.data.analytics", equalTo("unreachable"))
                    .body("checks.find { it.name == 'analytics' }.data.detail", startsWith("analytics is rebalancing (503)"));
        }
    }

    @Test
    void openApiDescribesTheEndpoints() {
        when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/stream"))
                .body("paths.keySet()", hasItem("/history"))
                .body("paths.keySet()", hasItem("/range"))
                .body("paths['/stream'].get.parameters[0].name", equalTo("range"))
                .body("paths.keySet()", hasItem("/"));
    }

    private static List<String> assetsOf(String page) {
        Matcher matcher = Pattern.compile("<(?:script src|link rel=\"stylesheet\" href)=\"([^\"]+)\"").matcher(page);
        List<String> assets = new ArrayList<>();
        while (matcher.find()) {
            assets.add(matcher.group(1));
        }
        return assets;
    }

    /** The range picker's buttons as value=label, in order. */
    private static List<String> rangeChoicesOf(String page) {
        Matcher matcher = Pattern.compile("<button type=\"button\" data-range=\"([^\"]+)\"[^>]*>([^<]+)</button>").matcher(page);
        List<String> choices = new ArrayList<>();
        while (matcher.find()) {
            choices.add(matcher.group(1) + "=" + matcher.group(2));
        }
        return choices;
    }

    /** The value of the first sample line starting with {@code prefix} in Prometheus' text format. */
    private static double metricValue(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + prefix + " in\n" + metrics));
    }
}
