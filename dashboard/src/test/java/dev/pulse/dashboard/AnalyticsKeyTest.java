package dev.pulse.dashboard;

import static dev.pulse.dashboard.FeedTick.COUNTS_EVENT;
import static dev.pulse.dashboard.FeedTick.PAGES_EVENT;
import static dev.pulse.dashboard.FeedTick.STATUS_EVENT;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard asks analytics with a key of its own ({@code pulse.dashboard.analytics-key}), which the fake analytics
 * requires as a secured one does.
 */
@QuarkusTest
@WithTestResource(FakeAnalytics.class)
class AnalyticsKeyTest extends FakeAnalyticsTest {

    @Override
    Map<String, Long> initialCounts() {
        return Map.of("P1", 4L);
    }

    @Test
    void everyCallToAnalyticsCarriesTheDashboardsKey() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);
            browser.next(PAGES_EVENT);
        }
        given().accept("application/json").when().get("/history").then().statusCode(200);
        given().accept("application/json").queryParam("from", "2026-12-01T00:00:00Z").queryParam("to", "2026-12-02T00:00:00Z")
                .when().get("/range").then().statusCode(200);

        assertEquals(Set.of("Bearer " + analytics.key()), analytics.authorizations());
    }

    @Test
    void saysWhenAnalyticsRefusesItsKeyAndRecoversOnceItIsAcceptedAgain() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);

            analytics.behave(FakeAnalytics.Behaviour.REVOKED_KEY);
            AnalyticsStatus refused = browser.next(STATUS_EVENT, AnalyticsStatus.class);
            assertEquals("analytics unreachable", refused.status());
            assertEquals("analytics refused the dashboard's key (401): see pulse.dashboard.analytics-key", refused.detail());

            analytics.behave(FakeAnalytics.Behaviour.ANSWER);
            browser.next(COUNTS_EVENT);
            assertFalse(browser.ended(), "the stream goes on");
        }
    }
}
