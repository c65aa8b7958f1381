package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantSerializerTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-24T10:15:30Z", "2026-11-24T10:15:30.100Z", "2026-11-24T10:15:30.123Z",
            "2026-11-24T10:15:30.000001Z", "2026-11-24T10:15:30.123456Z", "2026-11-24T10:15:30.000000001Z",
            "2026-11-24T10:15:30.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59Z",
            "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z" })
    void writesWhatIsoInstantWrites(String text) {
        Instant instant = Instant.parse(text);
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), dateOf(instant));
    }

    @Test
    void agreesWithIsoInstantOnRandomInstantsWithEveryPrecision() {
        SplittableRandom random = new SplittableRandom(11);
        long[] units = { 1_000_000_000, 1_000_000, 1_000, 1 };
        for (int i = 0; i < 20_000; i++) {
            long unit = units[random.nextInt(units.length)];
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextLong(1_000_000_000L / unit) * unit);
            char[] text = new char[30];
            int length = IsoInstantSerializer.format(instant.getEpochSecond(), instant.getNano(), text);
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), new String(text, 0, length));
        }
    }

    private static String dateOf(Instant instant) {
        String json = new String(PageEventJson.toBytes(new PageEvent("P1", "U1", instant, 1L)), StandardCharsets.UTF_8);
        String date = json.substring(json.indexOf("\"date\":\"") + 8);
        return date.substring(0, date.indexOf('"'));
    }
}
