package dev.pulse.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A custom range: {@code GET /range?from=&to=}, asked of analytics per request and kept a few seconds. */
@QuarkusTest
@WithTestResource(FakeAnalytics.class)
class RangeResourceTest extends FakeAnalyticsTest {

    @Override
    Map<String, Long> initialCounts() {
        return Map.of("P1", 12L, "P2", 9L);
    }

    @Test
    void aCustomRangeHasItsTopPagesChangeAndChart() {
        analytics.answerPast(Instant.parse("2026-12-01T00:00:00Z"), Map.of("P1", 10L), 5);

        range("2026-12-01T00:00:00Z", "2026-12-01T23:59:59Z").statusCode(200)
                .contentType(startsWith("application/json"))
                .body("range", equalTo("custom"))
                .body("ranking.from", equalTo("2026-12-01T00:00:00Z"))
                .body("ranking.to", equalTo("2026-12-02T00:00:00Z"))
                .body("ranking.totals.views", equalTo(21))
                .body("ranking.totals.visitors", equalTo(7))
                .body("ranking.pages.name", equalTo(List.of("P1", "P2")))
                .body("previous.from", equalTo("2026-11-30T00:00:00Z"))
                .body("previous.to", equalTo("2026-12-01T00:00:00Z"))
                .body("previous.totals.views", equalTo(10))
                .body("previous.viewsChange", equalTo(110))
                .body("previous.visitorsChange", equalTo(40))
                .body("chart.resolution", equalTo("PT1H"))
                .body("chart.windows[1].windowEnd", equalTo("2026-12-02T00:00:00Z"))
                .body("chart.windows[1].views", equalTo(21))
                .body("chart.windows[1].pages", equalTo(Map.of("P1", 12, "P2", 9)));
    }

    @Test
    void noChangeIsGivenAgainstAnEmptyPeriod() {
        analytics.answerPast(Instant.parse("2026-12-03T00:00:00Z"), Map.of(), 0);

        range("2026-12-03T00:00:00Z", "2026-12-03T06:00:00Z").statusCode(200)
                .body("previous.totals.views", equalTo(0))
                .body("previous.viewsChange", nullValue())
                .body("previous.visitorsChange", nullValue());
    }

    @Test
    void identicalRequestsShareOneAnswerForAFewSeconds() throws Exception {
        String from = "2026-10-01T00:00:00Z";
        String to = "2026-10-02T00:00:00Z";
        List<CompletableFuture<Integer>> browsers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> range(from, to).extract().statusCode()))
                .toList();
        for (CompletableFuture<Integer> browser : browsers) {
            assertEquals(200, browser.get());
        }
        range(from, to).statusCode(200);
        assertEquals(1, historyCallsFrom(from), "9 identical requests, one history call");
        assertEquals(1, pagesCallsFrom(from), "and one for the top pages");

        range(from, "2026-10-03T00:00:00Z").statusCode(200);
        assertEquals(2, historyCallsFrom(from), "another range is asked for");

        Thread.sleep(cacheExpiry().plusMillis(200).toMillis());
        range(from, to).statusCode(200);
        assertEquals(3, historyCallsFrom(from), "asked again once the answer expired");
    }

    @Test
    void aRangeAnalyticsRefusesIsABadRequestSayingWhy() {
        range("2026-12-05T00:00:00Z", "2026-12-04T00:00:00Z").statusCode(400)
                .contentType(startsWith("application/json"))
                .body("error", equalTo("analytics refused the range: Invalid request: from 2026-12-05T00:00:00Z is after "
                        + "to 2026-12-04T00:00:00Z"));

        analytics.keep(Duration.ofDays(90));
        range("2020-01-01T00:00:00Z", "2026-01-01T00:00:00Z").statusCode(400)
                .body("error", equalTo("analytics refused the range: Invalid request: from 2020-01-01T00:00:00Z is older "
                        + "than any window kept (90 days)"));
    }

    @Test
    void aPreviousPeriodOlderThanAnalyticsKeepsLeavesTheRangeWithoutChange() {
        analytics.keep(Duration.ofDays(10));
        Instant end = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Instant from = end.minus(Duration.ofDays(7));

        // Both ends count: a second before the hour covers exactly 7 days, and so would the period before.
        range(from.toString(), end.minusSeconds(1).toString()).statusCode(200)
                .body("ranking.totals.views", equalTo(21))
                .body("previous.from", equalTo(from.minus(Duration.ofDays(7)).toString()))
                .body("previous.to", equalTo(from.toString()))
                .body("previous.totals", nullValue())
                .body("previous.viewsChange", nullValue())
                .body("previous.visitorsChange", nullValue());
    }

    @Test
    void aRefusalIsNotKept() {
        analytics.keep(Duration.ofDays(1));
        range("2026-09-01T00:00:00Z", "2026-09-05T00:00:00Z").statusCode(400);

        analytics.keep(FakeAnalytics.KEPT);
        range("2026-09-01T00:00:00Z", "2026-09-05T00:00:00Z").statusCode(200);
    }

    @Test
    void bothEndsAreRequired() {
        given().accept("application/json").queryParam("to", "2026-12-04T00:00:00Z").when().get("/range").then()
                .statusCode(400)
                .body("violations[0].field", equalTo("from"));
        given().accept("application/json").queryParam("from", "yesterday").queryParam("to", "2026-12-04T00:00:00Z")
                .when().get("/range").then()
                .statusCode(400)
                .body("error", startsWith("Invalid value for parameter 'from'"));
    }

    @Test
    void unavailableWhileAnalyticsIs() {
        analytics.behave(FakeAnalytics.Behaviour.REBALANCE);

        range("2026-08-01T00:00:00Z", "2026-08-02T00:00:00Z").statusCode(503)
                .header("Retry-After", "1")
                .body("error", startsWith("analytics unreachable"));
    }

    private static ValidatableResponse range(String from, String to) {
        return given().accept("application/json").queryParam("from", from).queryParam("to", to)
                .when().get("/range").then();
    }

    private long historyCallsFrom(String from) {
        return analytics.historyRequests().stream().filter(uri -> from.equals(FakeAnalytics.queryOf(uri).get("from"))).count();
    }

    /** The top pages' calls, not the previous period's (which ends at from). */
    private long pagesCallsFrom(String from) {
        return analytics.pagesRequests().stream().filter(uri -> from.equals(FakeAnalytics.queryOf(uri).get("from"))).count();
    }

    private static Duration cacheExpiry() {
        return ConfigProvider.getConfig().getValue("quarkus.cache.caffeine.\"custom-range\".expire-after-write", Duration.class);
    }
}
