package dev.pulse.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonFactory;

/** The one-pass reader either reads a record exactly as Jackson's data binding does, or leaves it to it. */
class CommonShapeReaderTest {

    private final CommonShapeReader reader = new CommonShapeReader(new JsonFactory());

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"2026-11-24T10:15:30.123Z\",\"duration\":4312}",
            " { \"duration\" : 0 , \"user\" : \"U1\" , \"name\" : \"/docs\" , \"kind\" : \"view\" , \"view\" : \"v-1\" } \n",
            "{\"name\":\"P\\u00e9 \\\"q\\\" \\ud83d\\ude00\",\"user\":\"U1\",\"duration\":-5}",
            "{\"name\":\"P1\",\"user\":null,\"date\":null,\"duration\":null,\"kind\":null,\"view\":null}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":9223372036854775807}",
            "{}" })
    void readsTheCommonShapeAsDataBindingDoes(String json) throws InvalidPageEventException {
        PageEvent event = reader.read(bytes(json));
        assertNotNull(event, json);
        assertEquals(PageEventJson.bound(bytes(json)), event);
    }

    /** Valid or not, these are for data binding: its coercions, its refusals and its messages. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1,\"source\":\"kcat\"}",
            "{\"name\":\"P1\",\"name\":\"P2\",\"user\":\"U1\",\"duration\":1}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":\"12\"}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":12.5}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":92233720368547758070}",
            "{\"name\":42,\"user\":\"U1\",\"duration\":1}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"date\":1700000000,\"duration\":1}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"2026-11-24T10:15:30+01:00\",\"duration\":1}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"yesterday\",\"duration\":1}",
            "{\"name\":{\"a\":1},\"user\":\"U1\",\"duration\":1}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1} {}",
            "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1",
            "[{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1}]",
            "null", "\"P1\"", "not json", "" })
    void leavesEveryOtherRecordToDataBinding(String json) {
        assertNull(reader.read(bytes(json)), json);
    }

    @Test
    void agreesWithDataBindingOnRandomEventsInAnyFieldOrder() throws InvalidPageEventException {
        SplittableRandom random = new SplittableRandom(5);
        String[] texts = { "P1", "/a/b?c=d#e", "é€😀", "quote \\\" and \\\\ backslash", "\\u0041\\u00e9", "" };
        for (int i = 0; i < 5_000; i++) {
            List<String> fields = new ArrayList<>();
            fields.add("\"name\":\"" + texts[random.nextInt(texts.length)] + "\"");
            fields.add("\"user\":\"" + texts[random.nextInt(texts.length)] + "\"");
            if (random.nextBoolean()) {
                Instant date = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000) * 1_000_000);
                fields.add("\"date\":\"" + date + "\"");
            }
            fields.add("\"duration\":" + random.nextLong(-10, Long.MAX_VALUE));
            if (random.nextBoolean()) {
                fields.add("\"kind\":\"" + (random.nextBoolean() ? PageEvent.VIEW : PageEvent.LEAVE) + "\"");
                fields.add("\"view\":\"v-" + random.nextInt() + "\"");
            }
            Collections.shuffle(fields, new java.util.Random(random.nextLong()));
            byte[] json = bytes("{" + String.join(random.nextBoolean() ? "," : " ,\n ", fields) + "}");
            PageEvent event = reader.read(json);
            assertNotNull(event, new String(json, StandardCharsets.UTF_8));
            assertEquals(PageEventJson.bound(json), event);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
