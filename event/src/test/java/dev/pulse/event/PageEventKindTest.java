package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The tracker's optional fields: how each kind of event counts, and how the fields are written and checked. */
class PageEventKindTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long MIN_DURATION_MS = 100;
    private final PageEventRules rules = new PageEventRules(Clock.fixed(NOW, ZoneOffset.UTC));

    private static PageEvent event(String kind, long duration) {
        return new PageEvent("/docs", "visitor-1", NOW, duration, kind, kind == null ? null : "v-1");
    }

    @Test
    void classicEventCountsAsViewAndTimeOnPageOnlyWhenLongerThanTheMinimum() {
        for (long duration : new long[] { 0, 100 }) {
            assertFalse(event(null, duration).countsAsView(MIN_DURATION_MS), "duration " + duration);
            assertFalse(event(null, duration).countsTimeOnPage(MIN_DURATION_MS), "duration " + duration);
        }
        assertTrue(event(null, 101).countsAsView(MIN_DURATION_MS));
        assertTrue(event(null, 101).countsTimeOnPage(MIN_DURATION_MS));
    }

    @Test
    void trackerViewCountsAsViewWhateverTheMinimumAndCarriesNoTimeOnPage() {
        PageEvent view = event(PageEvent.VIEW, 0);
        assertTrue(view.countsAsView(MIN_DURATION_MS));
        assertTrue(view.countsAsView(0));
        assertFalse(view.countsTimeOnPage(MIN_DURATION_MS));
    }

    @Test
    void leaveIsNeverAViewAndAlwaysATimeOnPage() {
        for (long duration : new long[] { 0, 50, 5_000 }) {
            PageEvent leave = event(PageEvent.LEAVE, duration);
            assertFalse(leave.countsAsView(MIN_DURATION_MS), "duration " + duration);
            assertTrue(leave.countsTimeOnPage(MIN_DURATION_MS), "duration " + duration);
        }
    }

    @Test
    void classicEventIsWrittenInTheWorkshopShapeAndTrackerFieldsOnlyWhenPresent() {
        PageEvent classic = new PageEvent("P1", "U1", Instant.parse("2026-11-24T10:15:30.123Z"), 4312L);
        assertEquals("{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"2026-11-24T10:15:30.123Z\",\"duration\":4312}",
                new String(PageEventJson.toBytes(classic), StandardCharsets.UTF_8));

        PageEvent leave = new PageEvent("P1", "U1", Instant.parse("2026-11-24T10:15:30.123Z"), 4312L, "leave", "v-7");
        assertEquals("{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"2026-11-24T10:15:30.123Z\",\"duration\":4312,"
                + "\"kind\":\"leave\",\"view\":\"v-7\"}", new String(PageEventJson.toBytes(leave), StandardCharsets.UTF_8));
        try (PageEventSerde serde = new PageEventSerde()) {
            assertEquals(leave, serde.deserializer().deserialize("t", serde.serializer().serialize("t", leave)));
        }
    }

    @Test
    void strictReaderReadsTheKindsAndNamesAKindOfTheWrongType() throws IOException {
        PageEvent view = StrictEvents.read(
                "{\"name\":\"/\",\"user\":\"v\",\"duration\":0,\"kind\":\"view\",\"view\":\"abc\"}");
        assertEquals(new PageEvent("/", "v", null, 0L, "view", "abc"), view);

        IOException error = assertThrows(IOException.class, () -> StrictEvents.read("{\"name\":\"/\",\"user\":\"v\",\"duration\":0,\"kind\":1}"));
        Violation violation = PageEventJson.violationOf(error, 0);
        assertEquals("kind", violation.field());
        assertTrue(violation.reason().contains("\"view\" or \"leave\""), violation.reason());

        error = assertThrows(IOException.class, () -> StrictEvents.read("{\"name\":\"/\",\"user\":\"v\",\"duration\":0,\"view\":{\"id\":1}}"));
        assertEquals("view", PageEventJson.violationOf(error, 0).field());
    }

    @Test
    void rulesAcceptTheTwoKindsAndRefuseAnyOther() {
        assertEquals(List.of(), rules.check(event(PageEvent.VIEW, 0), 0));
        assertEquals(List.of(), rules.check(event(PageEvent.LEAVE, 4_000), 0));
        assertEquals(List.of(), rules.check(new PageEvent("/", "v", NOW, 0L, PageEvent.VIEW, null), 0), "view id is optional");

        List<Violation> unknown = rules.check(event("click", 0), 2);
        assertEquals(1, unknown.size(), unknown::toString);
        assertEquals(new Violation(2, "kind", unknown.get(0).reason()), unknown.get(0));
        assertTrue(unknown.get(0).reason().contains("\"view\" or \"leave\""), unknown.get(0).reason());
        assertEquals("kind", rules.check(event("VIEW", 0), 0).get(0).field(), "kinds are lower case");
    }

    @Test
    void aViewCarriesNoDurationAndItsIdFollowsTheTextRules() {
        List<Violation> timedView = rules.check(event(PageEvent.VIEW, 1_500), 0);
        assertEquals(1, timedView.size(), timedView::toString);
        assertEquals("duration", timedView.get(0).field());

        for (String id : new String[] { "", "x".repeat(129), "a\nb" }) {
            List<Violation> violations = rules.check(new PageEvent("/", "v", NOW, 10L, PageEvent.LEAVE, id), 0);
            assertEquals(1, violations.size(), violations::toString);
            assertEquals("view", violations.get(0).field());
        }
    }

    @Test
    void kafkaReaderIgnoresUnknownFieldsBesideTheKindAndDeadLettersAnUnknownKind() throws InvalidPageEventException {
        PageEventDeserializer deserializer = new PageEventDeserializer();
        PageEvent leave = deserializer.read(("{\"name\":\"/\",\"user\":\"v\",\"date\":\"2026-11-24T09:59:00Z\","
                + "\"duration\":800,\"kind\":\"leave\",\"view\":\"v-1\",\"referrer\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(new PageEvent("/", "v", Instant.parse("2026-11-24T09:59:00Z"), 800L, "leave", "v-1"), leave);

        InvalidPageEventException unknown = assertThrows(InvalidPageEventException.class, () -> deserializer.read(
                "{\"name\":\"/\",\"user\":\"v\",\"duration\":800,\"kind\":\"scroll\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("kind", unknown.violations().get(0).field());
    }
}
