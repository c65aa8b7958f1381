package dev.pulse.dashboard;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the dashboard's {@code @QuarkusTest}s share: the fake analytics they talk to, answering normally at the
 * start of each test, and no browser left connected at its end (the shared feeds must be idle between tests).
 */
abstract class FakeAnalyticsTest {

    @FakeAnalytics.Inject
    FakeAnalytics analytics;

    @Inject
    CountsFeed feed;

    @TestHTTPResource("/stream")
    URI stream;

    /** The counts analytics answers with when a test starts. */
    abstract Map<String, Long> initialCounts();

    @Inject
    RangeFeeds feeds;

    @BeforeEach
    void analyticsAnswers() {
        analytics.behave(FakeAnalytics.Behaviour.ANSWER);
        analytics.answerCounts(initialCounts());
        analytics.answerPast(null, null, 0);
        analytics.keep(FakeAnalytics.KEPT);
    }

    @AfterEach
    void everyBrowserLeft() {
        await().atMost(Duration.ofSeconds(10)).until(() -> feeds.connectedClients() == 0);
    }
}
