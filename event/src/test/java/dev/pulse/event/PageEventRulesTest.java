package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class PageEventRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final PageEventRules rules = new PageEventRules(Clock.fixed(NOW, ZoneOffset.UTC));

    private List<Violation> check(String name, String user, Instant date, Long duration) {
        return rules.check(new PageEvent(name, user, date, duration), 3);
    }

    private static void assertOnly(List<Violation> violations, String field, String reasonPart) {
        assertEquals(1, violations.size(), violations::toString);
        Violation v = violations.get(0);
        assertEquals(3, v.index());
        assertEquals(field, v.field());
        assertTrue(v.reason().contains(reasonPart), v.reason());
    }

    @Test
    void acceptsAValidEvent() {
        assertEquals(List.of(), check("P1", "U1", NOW, 500L));
        assertEquals(List.of(), check("P1", "U1", null, 0L), "date is optional");
        assertEquals(List.of(), check("a/b c é 页", "U1", NOW, PageEventRules.MAX_DURATION_MS));
    }

    @Test
    void nameAndUserAreRequiredAndBounded() {
        assertOnly(check(null, "U1", NOW, 1L), "name", "required");
        assertOnly(check("", "U1", NOW, 1L), "name", "1 to 128");
        assertOnly(check("x".repeat(129), "U1", NOW, 1L), "name", "1 to 128");
        assertEquals(List.of(), check("x".repeat(128), "U1", NOW, 1L));
        assertOnly(check("P1", null, NOW, 1L), "user", "required");
        assertOnly(check("P1", "x".repeat(129), NOW, 1L), "user", "1 to 128");
    }

    @Test
    void controlCharactersAreRejected() {
        assertOnly(check("P\n1", "U1", NOW, 1L), "name", "control characters");
        assertOnly(check("P1", "U\u00001", NOW, 1L), "user", "control characters");
        assertOnly(check("P\u00851", "U1", NOW, 1L), "name", "control characters");
    }

    @Test
    void dateAtMostFiveMinutesAhead() {
        assertEquals(List.of(), check("P1", "U1", NOW.plusSeconds(300), 1L));
        assertOnly(check("P1", "U1", NOW.plusSeconds(301), 1L), "date", "5 minutes in the future");
        assertEquals(List.of(), check("P1", "U1", Instant.EPOCH, 1L), "old events are fine");
        assertOnly(check("P1", "U1", Instant.EPOCH.minusMillis(1), 1L), "date", "before 1970");
    }

    @Test
    void unpairedSurrogatesAreRejected() {
        assertOnly(check("P\ud8001", "U1", NOW, 1L), "name", "unpaired surrogate");
        assertOnly(check("P1", "U\udc00", NOW, 1L), "user", "unpaired surrogate");
        assertOnly(check("P1\ud800", "U1", NOW, 1L), "name", "unpaired surrogate");
        assertEquals(List.of(), check("P\ud83d\ude00", "U1", NOW, 1L), "a pair is one character (an emoji)");
        assertOnly(check("P\ud800\n", "U1", NOW, 1L), "name", "control characters");
    }

    @Test
    void durationRequiredAndInRange() {
        assertOnly(check("P1", "U1", NOW, null), "duration", "required");
        assertOnly(check("P1", "U1", NOW, -1L), "duration", "between 0 and 86400000");
        assertOnly(check("P1", "U1", NOW, PageEventRules.MAX_DURATION_MS + 1), "duration", "between 0 and");
    }

    @Test
    void reportsEveryViolation() {
        List<Violation> all = check(null, "", NOW.plusSeconds(3600), -5L);
        assertEquals(List.of("name", "user", "date", "duration"), all.stream().map(Violation::field).toList());
    }
}
