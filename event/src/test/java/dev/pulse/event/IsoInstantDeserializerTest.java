package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantDeserializerTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-24T10:15:30Z", "2026-11-24T10:15:30.1Z", "2026-11-24T10:15:30.123Z",
            "2026-11-24T10:15:30.123456Z", "2026-11-24T10:15:30.123456789Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00Z", "2000-02-29T00:00:00.000Z" })
    void readsTheCanonicalFormAsJavaTimeDoes(String text) {
        assertEquals(Instant.parse(text), IsoInstantDeserializer.parseCanonical(text));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsWithEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            int digits = random.nextInt(10);
            String text = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    .replace("Z", digits == 0 ? "Z" : "." + String.format("%09d", instant.getNano()).substring(0, digits) + "Z");
            assertEquals(Instant.parse(text), IsoInstantDeserializer.parseCanonical(text), text);
        }
    }

    /** Spellings the fast path leaves to Jackson's deserializer: valid or not, they are not its business. */
    @ParameterizedTest
    @ValueSource(strings = { "2026-11-24T10:15:30+01:00", "2026-11-24t10:15:30z", "2026-11-24T10:15:30z",
            "2016-12-31T23:59:60Z", "2026-02-29T10:15:30Z", "2026-04-31T10:15:30Z", "2026-13-01T10:15:30Z",
            "2026-11-24T24:00:00Z", "2026-11-24T10:60:30Z", "2026-11-24T10:15:30.Z", "2026-11-24T10:15:30.1234567890Z",
            "2026-11-24T10:15Z", " 2026-11-24T10:15:30Z", "2026-11-24T10:15:30Z ", "+2026-11-24T10:15:30Z",
            "2026-1１-24T10:15:30Z", "2026-11-24 10:15:30Z", "2026-11-24T10:15:30,5Z", "1700000000000", "" })
    void leavesEveryOtherSpellingToJackson(String text) {
        assertNull(IsoInstantDeserializer.parseCanonical(text));
    }

    @Test
    void otherSpellingsStillReadAsJacksonReadsThem() throws IOException {
        assertEquals(Instant.parse("2026-11-24T09:15:30Z"), dateOf("2026-11-24T10:15:30+01:00"));
        assertEquals(Instant.parse("2026-11-24T10:15:30Z"), dateOf("2026-11-24t10:15:30z"));
        assertNotNull(dateOf("2016-12-31T23:59:60Z"));
        IOException impossible = assertThrows(IOException.class, () -> dateOf("2026-02-29T10:15:30Z"));
        assertEquals("date", PageEventJson.violationOf(impossible, 0).field());
    }

    private static Instant dateOf(String date) throws IOException {
        String json = "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"" + date + "\",\"duration\":1}";
        PageEvent event = StrictEvents.read(json);
        return event.date();
    }
}
