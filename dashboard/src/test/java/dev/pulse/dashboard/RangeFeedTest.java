package dev.pulse.dashboard;

import static dev.pulse.dashboard.FeedTick.RANGE_EVENT;
import static dev.pulse.dashboard.FeedTick.STATUS_EVENT;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The preset ranges' shared feeds: {@code GET /stream?range=1h|today|7d|30d}. */
@QuarkusTest
@WithTestResource(FakeAnalytics.class)
class RangeFeedTest extends FakeAnalyticsTest {

    @Override
    Map<String, Long> initialCounts() {
        return Map.of("P1", 12L, "P2", 9L, StreamResourceTest.SCRIPT_PAGE, 1L);
    }

    @Test
    void aPresetStreamsItsTopPagesChangeAndChart() throws Exception {
        // Everything before a minute ago is the previous period's: 8 views of P1 by 5 visitors.
        analytics.answerPast(Instant.now().minusSeconds(60), Map.of("P1", 8L), 5);
        Instant asked = Instant.now();
        try (SseClient browser = SseClient.connect(range("7d"))) {
            assertEquals(200, browser.response().statusCode());
            RangeStats stats = browser.next(RANGE_EVENT, RangeStats.class);

            assertEquals("7d", stats.range());
            PageRanking ranking = stats.ranking();
            assertEquals(new PageTotals(22, FakeAnalytics.TOTAL_VISITORS), ranking.totals());
            assertEquals(List.of("P1", "P2", StreamResourceTest.SCRIPT_PAGE),
                    ranking.pages().stream().map(PageSummary::name).toList());
            assertWithin(Duration.ofSeconds(10), asked, ranking.to());
            assertWithin(Duration.ofSeconds(10), asked.minus(Duration.ofDays(7)), ranking.from());

            PreviousPeriod previous = stats.previous();
            assertEquals(new PageTotals(8, 5), previous.totals());
            assertEquals(ranking.from(), previous.to(), "the previous period ends where the range starts");
            assertEquals(Duration.between(ranking.from(), ranking.to()), Duration.between(previous.from(), previous.to()));
            assertEquals(175L, previous.viewsChange(), "22 views against 8");
            assertEquals(40L, previous.visitorsChange(), "7 visitors against 5");

            RangeChart chart = stats.chart();
            assertEquals("PT1H", chart.resolution(), "7 days in at most 300 windows: hours");
            assertEquals(2, chart.windows().size());
            RangeChart.ChartWindow window = chart.windows().get(1);
            assertEquals(chart.to(), window.windowEnd());
            assertEquals(22, window.views());
            assertEquals(Map.of("P1", 12L, "P2", 9L, StreamResourceTest.SCRIPT_PAGE, 1L), window.pages());
        }
    }

    @Test
    void eachPresetCoversItsOwnRange() throws Exception {
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, String> resolutions = Map.of("1h", "PT1M", "30d", "P1D");
        for (String preset : List.of("1h", "today", "30d")) {
            try (SseClient browser = SseClient.connect(range(preset))) {
                RangeStats stats = browser.next(RANGE_EVENT, RangeStats.class);
                Instant to = stats.ranking().to();
                Instant expectedFrom = switch (preset) {
                    case "1h" -> to.minus(Duration.ofHours(1));
                    case "today" -> midnight;
                    default -> to.minus(Duration.ofDays(30));
                };
                assertEquals(preset, stats.range());
                assertWithin(Duration.ofSeconds(10), expectedFrom, stats.ranking().from());
                if (resolutions.containsKey(preset)) {
                    assertEquals(resolutions.get(preset), stats.chart().resolution(), preset);
                }
            }
        }
    }

    @Test
    void aPresetFeedAsksAnalyticsOncePerRefreshHoweverManyListen() throws Exception {
        int eventsEach = 5;
        List<SseClient> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                browsers.add(SseClient.connect(range("1h")));
            }
            for (SseClient browser : browsers) {
                browser.next(RANGE_EVENT);
            }
            int historyBefore = requestsSpanning(Duration.ofHours(1));
            for (SseClient browser : browsers) {
                for (int i = 0; i < eventsEach; i++) {
                    browser.next(RANGE_EVENT);
                }
            }
            int history = requestsSpanning(Duration.ofHours(1)) - historyBefore;

            // Four browsers polling on their own would make four times the calls.
            MatcherAssert.assertThat("history calls while 4 browsers got " + eventsEach + " events each",
                    history, lessThan(2 * eventsEach));
            assertEquals(4, feeds.connectedClients());
        } finally {
            for (SseClient browser : browsers) {
                browser.close();
            }
        }
    }

    @Test
    void aPresetFeedAsksOnlyWhileSomeoneListens() throws Exception {
        try (SseClient browser = SseClient.connect(range("30d"))) {
            browser.next(RANGE_EVENT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.connectedClients() == 0);
        int whenLastLeft = requestsSpanning(Duration.ofDays(30));

        // Another preset's feed is the clock: its events come at least a refresh apart (a late poll makes it skip,
        // never hurry), so once it has sent 6 of them, 5 refreshes have passed since the 30 days lost their browser.
        try (SseClient otherView = SseClient.connect(range("1h"))) {
            for (int i = 0; i <= 5; i++) {
                otherView.next(RANGE_EVENT);
            }
        }

        // One poll may have been on its way when the last browser left.
        MatcherAssert.assertThat(requestsSpanning(Duration.ofDays(30)) - whenLastLeft, lessThan(2));
        try (SseClient returning = SseClient.connect(range("30d"))) {
            returning.next(RANGE_EVENT);
            assertTrue(requestsSpanning(Duration.ofDays(30)) > whenLastLeft, "a returning browser restarts the polls");
        }
    }

    @Test
    void aRangeAnalyticsRefusesIsSaidOnTheStream() throws Exception {
        analytics.keep(Duration.ofDays(10));
        try (SseClient browser = SseClient.connect(range("30d"))) {
            AnalyticsStatus status = browser.next(STATUS_EVENT, AnalyticsStatus.class);

            assertEquals("analytics refused the range", status.status());
            assertTrue(status.detail().startsWith("Invalid request: from "), status.detail());
            assertTrue(status.detail().endsWith(" is older than any window kept (10 days)"), status.detail());

            analytics.keep(FakeAnalytics.KEPT);
            assertEquals("30d", browser.next(RANGE_EVENT, RangeStats.class).range());
            assertFalse(browser.ended(), "the stream goes on after a refusal");
        }
    }

    @Test
    void anUnknownRangeIsABadRequest() {
        when().get("/stream?range=2d").then().statusCode(400)
                .contentType(startsWith("application/json"))
                .body("error", equalTo("Invalid request: range must be one of live, 1h, today, 7d, 30d, got 2d"))
                .body("violations[0].field", equalTo("range"));
    }

    @Test
    void liveIsTheLiveStream() throws Exception {
        try (SseClient browser = SseClient.connect(range("live"))) {
            assertEquals(Map.of("P1", 12L, "P2", 9L, StreamResourceTest.SCRIPT_PAGE, 1L),
                    browser.next(FeedTick.COUNTS_EVENT, CountsSnapshot.class).counts());
        }
    }

    private URI range(String preset) {
        return URI.create(stream + "?range=" + preset);
    }

    /** History calls of a 1 hour range, the "Last hour" feed's. */
    /** The history calls made so far for ranges of that length. */
    private int requestsSpanning(Duration length) {
        return (int) analytics.historyRequests().stream().map(FakeAnalytics::queryOf)
                .filter(query -> query.containsKey("from") && Duration.between(Instant.parse(query.get("from")),
                        Instant.parse(query.get("to"))).equals(length))
                .count();
    }

    private static void assertWithin(Duration tolerance, Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(tolerance) <= 0,
                actual + " is not within " + tolerance + " of " + expected);
    }
}
