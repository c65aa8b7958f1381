package dev.pulse.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventRules;

class RandomPageEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123456Z");

    @Test
    void eventsAreValidAndDrawnFromTheConfiguredValues() {
        RandomPageEvents generator = new RandomPageEvents(List.of("P1", "P2"), List.of("U1", "U2"), Duration.ofMillis(9000),
                Clock.fixed(NOW, ZoneOffset.UTC));
        PageEventRules rules = new PageEventRules(Clock.fixed(NOW, ZoneOffset.UTC));

        List<PageEvent> events = Stream.generate(generator).limit(2000).toList();

        events.forEach(event -> assertEquals(List.of(), rules.check(event, 0), () -> event + " breaks the rules"));
        assertEquals(Set.of("P1", "P2"), events.stream().map(PageEvent::name).collect(Collectors.toSet()));
        assertEquals(Set.of("U1", "U2"), events.stream().map(PageEvent::user).collect(Collectors.toSet()));
        assertTrue(events.stream().allMatch(event -> event.duration() >= 0 && event.duration() <= 9000));
        assertTrue(events.stream().anyMatch(event -> event.duration() > 4500), "durations spread over the range");
        assertTrue(events.stream().allMatch(event -> event.date().equals(Instant.parse("2026-11-24T10:15:30.123Z"))),
                "dated now, to the millisecond like the record timestamp");
    }
}
