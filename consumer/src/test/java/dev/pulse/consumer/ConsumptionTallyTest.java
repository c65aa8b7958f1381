package dev.pulse.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pulse.event.PageEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The bounds of the in-memory state, with limits small enough to reach. */
class ConsumptionTallyTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumptionTally tally = new ConsumptionTally(limits(3, 2), registry);

    @Test
    void keepsOnlyTheLatestEventsNewestFirst() {
        for (int offset = 0; offset < 5; offset++) {
            tally.recordConsumed(event("P1", "user-" + offset), 0, offset);
        }

        assertEquals(List.of("user-4", "user-3", "user-2"), users(tally.recent(10)));
        assertEquals(List.of("user-4", "user-3"), users(tally.recent(2)));
        assertEquals(4L, tally.recent(1).get(0).offset());
    }

    @Test
    void fewerEventsThanTheCapacityComeBackAsTheyAre() {
        tally.recordConsumed(event("P1", "only"), 2, 7);

        assertEquals(List.of(new RecentEvent("P1", "only", Instant.EPOCH, 100L, 2, 7, null, null)), tally.recent(3));
    }

    @Test
    void aTrackerEventKeepsItsKindAndViewAndCountsAsAnEvent() {
        tally.recordConsumed(new PageEvent("/docs", "visitor", Instant.EPOCH, 0L, PageEvent.VIEW, "v-1"), 1, 3);
        tally.recordConsumed(new PageEvent("/docs", "visitor", Instant.EPOCH, 4_200L, PageEvent.LEAVE, "v-1"), 1, 4);

        assertEquals(List.of(new RecentEvent("/docs", "visitor", Instant.EPOCH, 4_200L, 1, 4, "leave", "v-1"),
                new RecentEvent("/docs", "visitor", Instant.EPOCH, 0L, 1, 3, "view", "v-1")), tally.recent(2));
        assertEquals(Map.of("/docs", 2L), tally.stats().pages(), "events per page: a view and its leave");
    }

    @Test
    void pagesBeyondTheLimitAreCountedButNotTrackedOneByOne() {
        tally.recordConsumed(event("P1", "a"), 0, 0);
        tally.recordConsumed(event("P2", "b"), 0, 1);
        tally.recordConsumed(event("P3", "c"), 0, 2);
        tally.recordConsumed(event("P1", "d"), 0, 3);
        tally.recordConsumed(event("P3", "e"), 0, 4);

        ConsumerStats stats = tally.stats();
        assertEquals(5, stats.events());
        assertEquals(Map.of("P1", 2L, "P2", 1L), stats.pages());
        assertEquals(2, stats.untrackedPageEvents());
        assertEquals(2.0, registry.get("pulse.consumer.pages.tracked").gauge().value());
        assertEquals(5.0, registry.get("pulse.consumer.events.consumed").functionCounter().count());
    }

    @Test
    void aRecordDeliveredAgainIsNotCountedAgain() {
        assertTrue(tally.recordConsumed(event("P1", "a"), 0, 10));
        assertTrue(tally.recordConsumed(event("P1", "b"), 0, 11));
        assertTrue(tally.recordConsumed(event("P1", "x"), 1, 10), "the same offset of another partition");
        // The group resumes partition 0 at its last committed offset, 10: both records come again.
        assertFalse(tally.recordConsumed(event("P1", "a"), 0, 10));
        assertFalse(tally.recordConsumed(event("P1", "b"), 0, 11));
        assertTrue(tally.recordConsumed(event("P2", "c"), 0, 12));

        ConsumerStats stats = tally.stats();
        assertEquals(4, stats.events());
        assertEquals(Map.of("P1", 3L, "P2", 1L), stats.pages());
        assertEquals(List.of("c", "x", "b"), users(tally.recent(3)), "nor shown again among the latest events");
        assertEquals(2.0, registry.get("pulse.consumer.events.delivered.again").functionCounter().count());
    }

    @Test
    void deadLetteredRecordsAreCountedWithTheLatestReason() {
        tally.recordDeadLettered("first reason");
        tally.recordDeadLettered("second reason");

        assertEquals(2, tally.stats().deadLettered());
        assertEquals("second reason", tally.lastDeadLetterReason());
        assertEquals(2.0, registry.get("pulse.consumer.events.dead.lettered").functionCounter().count());
    }

    private static PageEvent event(String page, String user) {
        return new PageEvent(page, user, Instant.EPOCH, 100L);
    }

    private static List<String> users(List<RecentEvent> events) {
        return events.stream().map(RecentEvent::user).toList();
    }

    private static ConsumerConfig limits(int recentEvents, int maxTrackedPages) {
        return new ConsumerConfig() {
            @Override
            public String topic() {
                return "page-events";
            }

            @Override
            public String deadLetterTopic() {
                return "page-events-dlq";
            }

            @Override
            public String groupId() {
                return "pulse-consumer";
            }

            @Override
            public int recentEvents() {
                return recentEvents;
            }

            @Override
            public int maxTrackedPages() {
                return maxTrackedPages;
            }

            @Override
            public Duration summaryInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration readinessTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
