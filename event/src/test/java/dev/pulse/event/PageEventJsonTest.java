package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PageEventJsonTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Violation strictViolation(String json) {
        IOException error = assertThrows(IOException.class, () -> StrictEvents.read(json));
        return PageEventJson.violationOf(error, 0);
    }

    @Test
    void writesTheWorkshopShapeWithIsoDate() {
        String json = new String(PageEventJson.toBytes(
                new PageEvent("P1", "U1", Instant.parse("2026-11-24T10:15:30.123Z"), 4312L)), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"2026-11-24T10:15:30.123Z\",\"duration\":4312}", json);
    }

    @Test
    void roundTripsThroughKafkaSerde() {
        PageEvent event = new PageEvent("a/b é", "U1", Instant.parse("2025-11-24T10:15:30Z"), 7L);
        try (PageEventSerde serde = new PageEventSerde()) {
            assertEquals(event, serde.deserializer().deserialize("t", serde.serializer().serialize("t", event)));
        }
    }

    @Test
    void strictReaderNamesTheFieldAtFault() throws IOException {
        Violation unknown = strictViolation("{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1,\"color\":\"red\"}");
        assertEquals("color", unknown.field());
        assertTrue(unknown.reason().contains("not a field"), unknown.reason());

        Violation quotedNumber = strictViolation("{\"name\":\"P1\",\"user\":\"U1\",\"duration\":\"500\"}");
        assertEquals("duration", quotedNumber.field());

        Violation fraction = strictViolation("{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1.5}");
        assertEquals("duration", fraction.field());

        Violation badDate = strictViolation("{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"yesterday\",\"duration\":1}");
        assertEquals("date", badDate.field());
        assertTrue(badDate.reason().contains("ISO-8601"), badDate.reason());

        Violation numericName = strictViolation("{\"name\":42,\"user\":\"U1\",\"duration\":1}");
        assertEquals("name", numericName.field());
        Violation booleanUser = strictViolation("{\"name\":\"P1\",\"user\":true,\"duration\":1}");
        assertEquals("user", booleanUser.field());

        Violation objectName = strictViolation("{\"name\":{\"a\":1},\"user\":\"U1\",\"duration\":1}");
        assertEquals("name", objectName.field());

        Violation notJson = strictViolation("{\"name\":");
        assertNull(notJson.field());
        assertTrue(notJson.reason().startsWith("is not valid JSON"), notJson.reason());

        Violation notAnObject = strictViolation("42");
        assertNull(notAnObject.field());
    }

    @Test
    void deepNestingIsRefusedEvenInIgnoredFields() {
        String deep = "{\"extra\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"name\":\"P1\",\"user\":\"U1\",\"duration\":1}";
        InvalidPageEventException error = assertThrows(InvalidPageEventException.class,
                () -> PageEventJson.fromKafka(bytes(deep)));
        assertTrue(error.getMessage().contains("nesting depth"), error.getMessage());
    }

    @Test
    void strictReaderRefusesTheSameFieldTwiceWhichTheKafkaReaderTolerates() throws InvalidPageEventException {
        String twice = "{\"name\":\"P1\",\"name\":\"P2\",\"user\":\"U1\",\"duration\":1}";
        Violation duplicate = strictViolation(twice);
        assertTrue(duplicate.reason().contains("Duplicate field 'name'"), duplicate.reason());
        assertEquals("P2", PageEventJson.fromKafka(bytes(twice)).name(), "other clients' records are read as Jackson reads them");
    }

    @Test
    void strictReaderRefusesADateAsANumberWhichTheKafkaReaderReadsAsEpochSeconds() throws InvalidPageEventException {
        String number = "{\"name\":\"P1\",\"user\":\"U1\",\"date\":1700000000,\"duration\":1}";
        assertEquals(new Violation(0, "date", "must be an ISO-8601 instant such as 2026-11-24T10:15:30.123Z (got 1700000000)"),
                strictViolation(number));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), PageEventJson.fromKafka(bytes(number)).date());
    }

    @Test
    void kafkaReaderIgnoresUnknownFieldsButRejectsGarbage() throws InvalidPageEventException {
        PageEvent event = new PageEventDeserializer().read(
                bytes("{\"name\":\"P1\",\"user\":\"U1\",\"duration\":5,\"source\":\"kcat\"}"));
        assertEquals(new PageEvent("P1", "U1", null, 5L), event);

        PageEventDeserializer deserializer = new PageEventDeserializer();
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", bytes("not json")));
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", bytes("null")));
        assertThrows(SerializationException.class, () -> deserializer.deserialize("t", null));
        SerializationException invalid = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("t", bytes("{\"name\":\"\",\"user\":\"U1\",\"duration\":5}")));
        assertTrue(invalid.getMessage().contains("field 'name'"), invalid.getMessage());
    }
}
