package dev.pulse.dashboard;

import static dev.pulse.dashboard.FeedTick.COUNTS_EVENT;
import static dev.pulse.dashboard.FeedTick.PAGES_EVENT;
import static dev.pulse.dashboard.FeedTick.RANGE_EVENT;
import static dev.pulse.dashboard.FeedTick.STATUS_EVENT;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.MatcherAssert;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

@QuarkusTest
@WithTestResource(FakeAnalytics.class)
class StreamResourceTest extends FakeAnalyticsTest {

    static final String SCRIPT_PAGE = "<img src=x onerror=alert(1)>";

    @Override
    Map<String, Long> initialCounts() {
        return Map.of("P1", 12L, "P2", 9L);
    }

    @Test
    void streamsAnalyticsSnapshotsAsNamedEvents() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            assertEquals(200, browser.response().statusCode());
            assertTrue(browser.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

            CountsSnapshot snapshot = browser.next(COUNTS_EVENT, CountsSnapshot.class);

            assertEquals(Map.of("P1", 12L, "P2", 9L), snapshot.counts());
            assertEquals(snapshot.windowStart().plusSeconds(5), snapshot.windowEnd());
            assertFalse(snapshot.partial());
        }
    }

    @Test
    void followsEachCountsEventWithThePageStatsOfTheLast5MinutesAndOfThatWindow() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            CountsSnapshot counts = browser.next(COUNTS_EVENT, CountsSnapshot.class);
            PageStatsSnapshot pages = browser.next(PAGES_EVENT, PageStatsSnapshot.class);

            assertEquals(new PageTotals(21, FakeAnalytics.TOTAL_VISITORS), pages.recent().totals());
            assertEquals(List.of(new PageSummary("P1", 12, 11, FakeAnalytics.TIME_ON_PAGE),
                    new PageSummary("P2", 9, 8, FakeAnalytics.TIME_ON_PAGE)), pages.recent().pages());
            // The fake's window has the same pages as its last 5 minutes: the chart's pages, their visitors.
            assertEquals(FakeAnalytics.TOTAL_VISITORS, pages.window().visitors());
            assertEquals(Map.of("P1", 11L, "P2", 8L), pages.window().pages());
            assertFalse(pages.window().from().isAfter(counts.windowStart()), "the window's stats cover the counts' window");
            assertTrue(pages.window().to().isAfter(counts.windowStart()), "the window's stats cover the counts' window");

            // The poll asks for the top pages of analytics' default range, and for every page of the counts' window.
            List<String> queries = analytics.pagesRequests().stream().map(URI::getQuery).toList();
            assertTrue(queries.contains("top=10"), queries.toString());
            String window = counts.windowStart().toString();
            assertTrue(queries.contains("from=" + window + "&to=" + window + "&top=1000"), queries.toString());
        }
    }

    @Test
    void eachTickCarriesOnlyWhatThePageShowsOfAThousandPages() throws Exception {
        // Page i has i views: the top 10 are the last ten, in the window as in the last 5 minutes.
        Map<String, Long> thousand = new HashMap<>();
        for (int i = 1; i <= 1000; i++) {
            thousand.put(String.format("page-%04d", i), (long) i);
        }
        analytics.answerCounts(thousand);
        List<String> top = IntStream.iterate(1000, i -> i > 990, i -> i - 1).mapToObj(i -> String.format("page-%04d", i))
                .toList();
        try (SseClient browser = SseClient.connect(stream)) {
            SseClient.Event countsEvent = browser.next(COUNTS_EVENT, SseClient.Event.class,
                    event -> event.dataAs(LiveWindow.class).pages() == 1000);
            SseClient.Event pagesEvent = browser.next(PAGES_EVENT);

            LiveWindow window = countsEvent.dataAs(LiveWindow.class);
            assertEquals(Set.copyOf(top), window.counts().keySet(), "the window's top pages, which are the chart's");
            top.forEach(page -> assertEquals(thousand.get(page), window.counts().get(page), page));
            assertEquals(1000 * 1001 / 2, window.views(), "the views of every page, for the chart's other pages");
            PageStatsSnapshot pages = pagesEvent.dataAs(PageStatsSnapshot.class);
            assertEquals(top, pages.recent().pages().stream().map(PageSummary::name).toList());
            assertEquals(Set.copyOf(top), pages.window().pages().keySet(), "visitors of the chart's pages only");
            MatcherAssert.assertThat("bytes of one tick's events", bytes(countsEvent) + bytes(pagesEvent),
                    lessThan(10_000));
        }
    }

    @Test
    void comparesTheLast5MinutesWithThe5MinutesBefore() throws Exception {
        // The fake's last 5 minutes are 10:15-10:20; the 5 minutes before had 6 views of P1 by 4 visitors.
        analytics.answerPast(Instant.parse("2026-11-24T10:17:00Z"), Map.of("P1", 6L), 4);
        try (SseClient browser = SseClient.connect(stream)) {
            PageStatsSnapshot pages = browser.next(PAGES_EVENT, PageStatsSnapshot.class);

            PreviousPeriod previous = pages.previous();
            assertEquals(new PageTotals(6, 4), previous.totals());
            assertEquals(Instant.parse("2026-11-24T10:10:00Z"), previous.from());
            assertEquals(pages.recent().from(), previous.to(), "the previous period ends where the last 5 minutes start");
            assertEquals(250L, previous.viewsChange(), "21 views against 6");
            assertEquals(75L, previous.visitorsChange(), "7 visitors against 4");
        }
    }

    @Test
    void fiveBrowsersShareOnePollPerTick() throws Exception {
        int snapshotsEach = 6;
        List<SseClient> browsers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                browsers.add(SseClient.connect(stream));
            }
            for (SseClient browser : browsers) {
                browser.next(COUNTS_EVENT);
            }
            int callsBefore = analytics.countsCalls();
            int pagesCallsBefore = analytics.pagesCalls();

            Map<SseClient, List<Long>> pollsSeen = new LinkedHashMap<>();
            for (SseClient browser : browsers) {
                List<Long> polls = new ArrayList<>();
                while (polls.size() < snapshotsEach) {
                    long poll = FakeAnalytics.callNumberOf(browser.next(COUNTS_EVENT, CountsSnapshot.class));
                    if (poll > callsBefore) {
                        polls.add(poll);
                    }
                }
                pollsSeen.put(browser, polls);
            }
            int calls = analytics.countsCalls() - callsBefore;
            int pagesCalls = analytics.pagesCalls() - pagesCallsBefore;

            // Each browser polling on its own would give each different snapshots and five times the calls.
            List<Long> first = pollsSeen.get(browsers.get(0));
            pollsSeen.values().forEach(polls -> assertEquals(first, polls, "every browser sees the same polls"));
            MatcherAssert.assertThat("calls to analytics while 5 browsers got " + snapshotsEach + " snapshots each",
                    calls, lessThan(2 * snapshotsEach));
            MatcherAssert.assertThat("page stats calls: three per poll (the last 5 minutes, the 5 before, the window)",
                    pagesCalls, lessThan(3 * (calls + 2)));
        } finally {
            for (SseClient browser : browsers) {
                browser.close();
            }
        }
    }

    @Test
    void pollsOnlyWhileSomeoneListens() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.connectedClients() == 0);
        int callsWhenLastLeft = analytics.countsCalls();

        // Another view's feed is the clock: its events come at least a refresh apart (a late poll makes it skip,
        // never hurry), so once it has sent n + 1 of them, n refreshes have passed since the live feed lost its
        // last browser: time for 5 of its ticks.
        long refreshes = (long) Math.ceil(5.0 * tick().toMillis() / refresh().toMillis());
        try (SseClient otherView = SseClient.connect(URI.create(stream + "?range=1h"))) {
            for (long i = 0; i <= refreshes; i++) {
                otherView.next(RANGE_EVENT);
            }
        }

        // One poll may have been on its way when the last browser left.
        MatcherAssert.assertThat(analytics.countsCalls() - callsWhenLastLeft, lessThan(2));
        try (SseClient returning = SseClient.connect(stream)) {
            CountsSnapshot snapshot = returning.next(COUNTS_EVENT, CountsSnapshot.class);
            assertTrue(FakeAnalytics.callNumberOf(snapshot) > callsWhenLastLeft, "a returning browser restarts the polls");
        }
    }

    @Test
    void saysWhenAnalyticsIsUnreachableAndRecoversOnTheSameStream() throws Exception {
        try (SseClient browser = SseClient.connect(stream)) {
            browser.next(COUNTS_EVENT);

            analytics.behave(FakeAnalytics.Behaviour.REBALANCE);
            AnalyticsStatus rebalancing = browser.next(STATUS_EVENT, AnalyticsStatus.class);
            assertEquals("analytics unreachable", rebalancing.status());
            assertTrue(rebalancing.detail().contains("503"), rebalancing.detail());

            analytics.behave(FakeAnalytics.Behaviour.HANG);
            AnalyticsStatus silent = browser.next(STATUS_EVENT, AnalyticsStatus.class, status -> !status.equals(rebalancing));
            assertEquals("analytics unreachable", silent.status());
            assertEquals("analytics did not answer in time", silent.detail());

            analytics.behave(FakeAnalytics.Behaviour.ANSWER);
            analytics.answerCounts(Map.of("P3", 1L));
            browser.next(COUNTS_EVENT, CountsSnapshot.class, snapshot -> snapshot.counts().equals(Map.of("P3", 1L)));
            assertFalse(browser.ended(), "the stream goes on through the outage");
        }
    }

    @Test
    void pageNamesTravelAsData() throws Exception {
        analytics.answerCounts(Map.of(SCRIPT_PAGE, 3L, "a \"quoted\" </script> page", 1L));
        try (SseClient browser = SseClient.connect(stream)) {
            CountsSnapshot snapshot = browser.next(COUNTS_EVENT, CountsSnapshot.class, s -> s.counts().containsKey(SCRIPT_PAGE));
            assertEquals(Map.of(SCRIPT_PAGE, 3L, "a \"quoted\" </script> page", 1L), snapshot.counts());
            PageStatsSnapshot pages = browser.next(PAGES_EVENT, PageStatsSnapshot.class);
            assertEquals(List.of(SCRIPT_PAGE, "a \"quoted\" </script> page"),
                    pages.recent().pages().stream().map(PageSummary::name).toList());
        }
    }

    @Test
    void aSlowBrowserSkipsStaleSnapshotsWithoutHoldingUpOthers() {
        AssertSubscriber<FeedTick> slow = AssertSubscriber.create(1);
        AssertSubscriber<FeedTick> fast = AssertSubscriber.create(Long.MAX_VALUE);
        feed.subscribe().subscribe().withSubscriber(slow);
        feed.subscribe().subscribe().withSubscriber(fast);
        try {
            slow.awaitItems(1);
            fast.awaitItems(6);
            assertEquals(1, slow.getItems().size(), "the slow browser asked for one snapshot only");

            slow.request(1);
            slow.awaitItems(2);

            // Every browser gets the very same event objects, so identity tells which tick the slow one got.
            FeedTick slowSecond = slow.getItems().get(1);
            int positionInFast = indexOfSame(fast.getItems(), slowSecond);
            assertTrue(positionInFast >= 5, "the slow browser skipped to the newest event, not the next one; "
                    + "it got the fast browser's #" + positionInFast + " after the fast one had 6");
        } finally {
            slow.cancel();
            fast.cancel();
        }
    }

    private static int indexOfSame(List<FeedTick> events, FeedTick wanted) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private Duration tick() {
        return ConfigProvider.getConfig().getValue("pulse.dashboard.tick", Duration.class);
    }

    private Duration refresh() {
        return ConfigProvider.getConfig().getValue("pulse.dashboard.range-refresh", Duration.class);
    }

    /** An event's size as the stream sends it. */
    private static int bytes(SseClient.Event event) {
        return FeedTick.encode(event.name(), event.data()).getBytes(StandardCharsets.UTF_8).length;
    }

}
