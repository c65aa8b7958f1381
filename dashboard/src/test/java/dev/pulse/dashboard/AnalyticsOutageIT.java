package dev.pulse.dashboard;

import static dev.pulse.dashboard.FeedTick.COUNTS_EVENT;
import static dev.pulse.dashboard.FeedTick.STATUS_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The live stream of the packaged dashboard (the jar, or the native executable with {@code -Dnative}) while
 * analytics is away: every tick still reaches the browser, as a {@code status} event saying why there are no
 * counts, on a stream that stays open until analytics answers again. This is the path a native image breaks
 * when Jackson cannot serialize {@link AnalyticsStatus}: the dashboard then closes every stream instead.
 */
@QuarkusIntegrationTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(OpenAccess.class)
class AnalyticsOutageIT {

    /** Ticks of the outage the browser must hear about on one stream: more than one, so the stream must survive. */
    private static final int OUTAGE_TICKS = 3;

    @FakeAnalytics.Inject
    FakeAnalytics analytics;

    @TestHTTPResource("/stream")
    URI stream;

    @BeforeEach
    void analyticsAnswers() {
        analytics.comeBack();
        analytics.behave(FakeAnalytics.Behaviour.ANSWER);
        analytics.answerCounts(Map.of("P1", 1L));
    }

    @Test
    void browserHearsEveryTickThatAnalyticsIsDownAndKeepsItsStream() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);

            analytics.goDown();
            AnalyticsStatus status = null;
            for (int tick = 1; tick <= OUTAGE_TICKS; tick++) {
                status = browser.next(STATUS_EVENT, AnalyticsStatus.class);
                assertEquals("analytics unreachable", status.status(), "tick " + tick);
            }
            // The first tick may tell of a poll cut off as analytics went down; later ones find nothing listening.
            assertTrue(status.detail().startsWith("cannot connect to analytics"), status.detail());

            analytics.comeBack();
            assertBackOnTheSameStream(browser);
        }
    }

    @Test
    void browserHearsEveryTickThatAnalyticsIsRebalancingAndKeepsItsStream() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);

            analytics.behave(FakeAnalytics.Behaviour.REBALANCE);
            for (int tick = 1; tick <= OUTAGE_TICKS; tick++) {
                AnalyticsStatus status = browser.next(STATUS_EVENT, AnalyticsStatus.class);
                assertEquals("analytics unreachable", status.status(), "tick " + tick);
                assertTrue(status.detail().startsWith("analytics is rebalancing (503)"), "tick " + tick + ": " + status.detail());
            }

            analytics.behave(FakeAnalytics.Behaviour.ANSWER);
            assertBackOnTheSameStream(browser);
        }
    }

    private void assertBackOnTheSameStream(SseClient browser) {
        analytics.answerCounts(Map.of("P2", 2L));
        CountsSnapshot snapshot = browser.next(COUNTS_EVENT, CountsSnapshot.class,
                counts -> counts.counts().equals(Map.of("P2", 2L)));
        assertEquals(Map.of("P2", 2L), snapshot.counts());
        assertFalse(browser.ended(), "the stream went on through the outage");
    }
}
