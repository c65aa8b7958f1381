package dev.pulse.producer;

import static dev.pulse.producer.PageEventsTopic.event;
import static dev.pulse.producer.PageEventsTopic.utf8;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every way an event can be refused: 400, naming the event's index and the field at fault. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class EventValidationTest {

    private static final String LONG_TEXT = "x".repeat(129);

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                Arguments.of("name missing", "{\"user\":\"U1\",\"duration\":1}", "name", "is required"),
                Arguments.of("name empty", event("", "U1", 1), "name", "1 to 128 characters"),
                Arguments.of("name too long", event(LONG_TEXT, "U1", 1), "name", "1 to 128 characters"),
                Arguments.of("name with a control character", event("P\\u0007", "U1", 1), "name", "control characters"),
                Arguments.of("name not a string", "{\"name\":42,\"user\":\"U1\",\"duration\":1}", "name", "must be a string"),
                Arguments.of("name a boolean", "{\"name\":true,\"user\":\"U1\",\"duration\":1}", "name", "must be a string"),
                Arguments.of("user missing", "{\"name\":\"P1\",\"duration\":1}", "user", "is required"),
                Arguments.of("user empty", event("P1", "", 1), "user", "1 to 128 characters"),
                Arguments.of("user too long", event("P1", LONG_TEXT, 1), "user", "1 to 128 characters"),
                Arguments.of("user with a control character", event("P1", "U\\n1", 1), "user", "control characters"),
                Arguments.of("date far in the future",
                        "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"" + Instant.now().plusSeconds(3600) + "\",\"duration\":1}",
                        "date", "future"),
                Arguments.of("date not ISO-8601", "{\"name\":\"P1\",\"user\":\"U1\",\"date\":\"yesterday\",\"duration\":1}",
                        "date", "ISO-8601"),
                Arguments.of("date a number", "{\"name\":\"P1\",\"user\":\"U1\",\"date\":1700000000,\"duration\":1}",
                        "date", "ISO-8601"),
                Arguments.of("duration missing", "{\"name\":\"P1\",\"user\":\"U1\"}", "duration", "is required"),
                Arguments.of("duration negative", event("P1", "U1", -1), "duration", "between 0 and 86400000"),
                Arguments.of("duration over a day", event("P1", "U1", 86_400_001), "duration", "between 0 and 86400000"),
                Arguments.of("duration fractional", "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":12.5}", "duration", "whole number"),
                Arguments.of("duration a string", "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":\"12\"}", "duration", "whole number"),
                Arguments.of("unknown field", "{\"name\":\"P1\",\"user\":\"U1\",\"duration\":1,\"referrer\":\"x\"}",
                        "referrer", "is not a field"),
                Arguments.of("not JSON", "{\"name\": \"P1\", ", null, "not valid JSON"),
                Arguments.of("plain text", "hello", null, "not valid JSON"),
                Arguments.of("a JSON string", "\"P1\"", null, EventBatchReader.NOT_AN_OBJECT),
                Arguments.of("a JSON number", "42", null, EventBatchReader.NOT_AN_OBJECT),
                Arguments.of("JSON null", "null", null, EventBatchReader.NOT_AN_OBJECT),
                Arguments.of("two documents", event("P1", "U1", 1) + " " + event("P2", "U2", 2), null, "JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidSingleEventIsRefused(String description, String body, String field, String reason) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("nothing was sent"))
                .body("violations", hasSize(1))
                .body("violations[0].index", is(0))
                .body("violations[0].field", is(field))
                .body("violations[0].reason", containsString(reason));
    }

    @Test
    void everyViolationOfEveryEventOfAnArrayIsReported() {
        String body = "[" + event("P1", "U1", 1) + ","
                + "{\"user\":\"U2\",\"duration\":-5},"
                + event("P3", "U3", 3) + ","
                + "{\"name\":\"P4\",\"user\":\"U4\",\"duration\":4,\"referrer\":\"x\"},"
                + "[]]";
        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(400)
                .body("violations.index", contains(1, 1, 3, 4))
                .body("violations.field", contains("name", "duration", "referrer", null));
    }

    /**
     * Valid events first, then one fault: read straight from the parser, the valid ones are bound before the fault
     * shows, and the whole body must be refused all the same, naming the fault as precisely as on its own.
     */
    static Stream<Arguments> faultsAfterValidEvents() {
        String valid = event("P1", "U1", 1) + "," + event("P2", "U2", 2);
        String validLines = event("P1", "U1", 1) + "\n" + event("P2", "U2", 2) + "\n";
        return Stream.of(
                Arguments.of("a null element", ContentType.JSON.toString(), "[" + valid + ",null]", 2, null,
                        EventBatchReader.NOT_AN_OBJECT),
                Arguments.of("content after the array", ContentType.JSON.toString(), "[" + valid + "] {}", -1, null,
                        "unexpected content after the JSON array"),
                Arguments.of("a field given twice", ContentType.JSON.toString(),
                        "[" + valid + ",{\"name\":\"P3\",\"user\":\"U3\",\"user\":\"U4\",\"duration\":3}]", 2, null,
                        "Duplicate field 'user'"),
                Arguments.of("a date as a number", ContentType.JSON.toString(),
                        "[" + valid + ",{\"name\":\"P3\",\"user\":\"U3\",\"date\":1700000000,\"duration\":3}]", 2, "date",
                        "ISO-8601"),
                Arguments.of("a rule broken", ContentType.JSON.toString(), "[" + valid + "," + event("P3", "U3", -3) + "]",
                        2, "duration", "between 0 and 86400000"),
                Arguments.of("two documents on a line", EventsResourceTest.NDJSON,
                        validLines + event("P3", "U3", 3) + " " + event("P4", "U4", 4) + "\n", 2, null, "JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsAfterValidEvents")
    void aFaultAfterValidEventsRefusesTheWholeBody(String description, String contentType, String body, int index,
            String field, String reason) {
        given().contentType(contentType).body(utf8(body))
                .when().post("/events")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("nothing was sent"))
                .body("violations", hasSize(1))
                .body("violations[0].index", is(index))
                .body("violations[0].field", is(field))
                .body("violations[0].reason", containsString(reason));
    }

    @Test
    void syntaxErrorInAnArrayNamesTheElement() {
        given().contentType(ContentType.JSON)
                .body("[" + event("P1", "U1", 1) + "," + event("P2", "U2", 2) + ",{\"name\": ]")
                .when().post("/events")
                .then().statusCode(400)
                .body("violations", hasSize(1))
                .body("violations[0].index", is(2))
                .body("violations[0].field", nullValue())
                .body("violations[0].reason", containsString("not valid JSON"));
    }

    @Test
    void ndjsonIndexesCountNonBlankLinesAndEveryLineIsChecked() {
        String body = "\n" + event("P1", "U1", 1) + "\n\n{\"name\": \n" + event("P3", "U3", 3) + "\n  \n[1]\n"
                + event("P5", "", 5) + "\n";
        given().contentType(EventsResourceTest.NDJSON).body(utf8(body))
                .when().post("/events")
                .then().statusCode(400)
                .body("violations.index", contains(1, 3, 4))
                .body("violations.field", contains(null, null, "user"))
                .body("violations[0].reason", containsString("not valid JSON"))
                .body("violations[1].reason", is(EventBatchReader.NOT_AN_OBJECT));
    }

    @Test
    void ndjsonLineMayNotHoldAnArray() {
        given().contentType(EventsResourceTest.NDJSON).body(utf8("[" + event("P1", "U1", 1) + "]\n"))
                .when().post("/events")
                .then().statusCode(400)
                .body("violations[0].index", is(0))
                .body("violations[0].reason", is(EventBatchReader.NOT_AN_OBJECT));
    }

    @Test
    void requestWithoutEventsIsRefused() {
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/events")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", is("The request contains no events"));
        given().contentType(ContentType.JSON).body(" \n")
                .when().post("/events")
                .then().statusCode(400).body("error", is("The request contains no events"));
        given().contentType(ContentType.JSON)
                .when().post("/events")
                .then().statusCode(400).body("error", is("The request contains no events"));
        given().contentType(EventsResourceTest.NDJSON).body(utf8("\n\r\n   \n"))
                .when().post("/events")
                .then().statusCode(400).body("error", is("The request contains no events"));
    }

    @Test
    void invalidUtf8IsAJsonError() {
        byte[] prefix = "{\"name\":\"P".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",\"user\":\"U1\",\"duration\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3; // a two-byte sequence cut short
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(400)
                .body("violations[0].index", is(0))
                .body("violations[0].reason", containsString("not valid JSON"));
    }

    @Test
    void overlongUtf8ThatJacksonWouldReadIsRefused() {
        byte[] prefix = "{\"name\":\"P1\",\"user\":\"U".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",\"duration\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC0; // "/" in two bytes: an overlong form, not UTF-8
        body[prefix.length + 1] = (byte) 0xAF;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(400)
                .body("violations[0].index", is(-1))
                .body("violations[0].reason", containsString("not valid UTF-8: malformed byte sequence at byte " + prefix.length));
    }

    @Test
    void deepNestingIsAJsonError() {
        String deep = "[".repeat(100) + "]".repeat(100);
        given().contentType(ContentType.JSON).body(deep)
                .when().post("/events")
                .then().statusCode(400)
                .body("violations[0].reason", containsString("not valid JSON"));
        String deepField = "{\"name\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + ",\"user\":\"U1\",\"duration\":1}";
        given().contentType(EventsResourceTest.NDJSON).body(utf8(deepField))
                .when().post("/events")
                .then().statusCode(400)
                .body("violations[0].index", is(0))
                .body("violations[0].reason", containsString("not valid JSON"));
    }
}
