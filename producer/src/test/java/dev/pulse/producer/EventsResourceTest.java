package dev.pulse.producer;

import static dev.pulse.producer.PageEventsTopic.await;
import static dev.pulse.producer.PageEventsTopic.date;
import static dev.pulse.producer.PageEventsTopic.event;
import static dev.pulse.producer.PageEventsTopic.uniquePage;
import static dev.pulse.producer.PageEventsTopic.user;
import static dev.pulse.producer.PageEventsTopic.utf8;
import static dev.pulse.producer.PageEventsTopic.value;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** What POST /events writes to Kafka, and its transport-level errors (413, 415). */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class EventsResourceTest {

    static final String NDJSON = "application/x-ndjson";

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @TestHTTPResource("/events")
    URL events;

    @Test
    void singleEventIsWrittenKeyedByPageAndTimestampedWithItsDate() {
        String page = uniquePage();
        Instant date = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + page + "\",\"user\":\"U7\",\"date\":\"" + date + "\",\"duration\":4312}")
                .when().post("/events")
                .then().statusCode(202).contentType(ContentType.JSON).body("accepted", is(1));

        ConsumerRecord<String, String> record = await(companion, r -> page.equals(r.key()), 1).get(0);
        JsonNode value = value(record);
        assertThat(value.get("name").asText(), is(page));
        assertThat(value.get("user").asText(), is("U7"));
        assertThat(Instant.parse(value.get("date").asText()), is(date));
        assertThat(value.get("duration").asLong(), is(4312L));
        assertThat("fields of " + value, value.size(), is(4));
        assertThat(record.timestampType(), is(TimestampType.CREATE_TIME));
        assertThat(record.timestamp(), is(date.toEpochMilli()));
    }

    @Test
    void missingDateIsSetToTheTimeOfReceipt() {
        String page = uniquePage();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        given().contentType(ContentType.JSON).body(event(page, "U1", 10))
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(1));
        Instant after = Instant.now();

        ConsumerRecord<String, String> record = await(companion, r -> page.equals(r.key()), 1).get(0);
        assertThat(date(record), is(both(greaterThanOrEqualTo(before)).and(lessThanOrEqualTo(after))));
        assertThat(record.timestamp(), is(date(record).toEpochMilli()));
    }

    @Test
    void arrayIsWrittenInOrder() {
        String page = uniquePage();
        String body = "[" + event(page, "first", 1) + ", " + event(page, "second", 2) + ",\n" + event(page, "third", 3) + "]";

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(3));

        List<ConsumerRecord<String, String>> records = await(companion, r -> page.equals(r.key()), 3);
        assertThat(records.stream().map(PageEventsTopic::user).toList(), contains("first", "second", "third"));
    }

    @Test
    void largeBatchIsWrittenWholeOnceAndInOrderPerPage() {
        // Thousands of records handed to Kafka at once: none may be dropped, doubled or reordered within a page.
        int pages = 4;
        int perPage = 1_000;
        List<String> names = IntStream.range(0, pages).mapToObj(i -> uniquePage()).toList();
        StringBuilder body = new StringBuilder("[");
        for (int n = 0; n < pages * perPage; n++) {
            body.append(n == 0 ? "" : ",").append(event(names.get(n % pages), "u" + n, 1));
        }
        body.append(']');

        given().contentType(ContentType.JSON).body(body.toString())
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(pages * perPage));

        List<ConsumerRecord<String, String>> records = await(companion, r -> names.contains(r.key()), pages * perPage);
        for (int page = 0; page < pages; page++) {
            String name = names.get(page);
            int first = page;
            List<String> expected = IntStream.range(0, perPage).mapToObj(i -> "u" + (first + i * pages)).toList();
            assertThat(records.stream().filter(r -> name.equals(r.key())).map(PageEventsTopic::user).toList(),
                    is(expected));
        }
    }

    @Test
    void textBeyondAsciiIsWrittenAsSent() {
        // 2-, 3- and 4-byte UTF-8 characters, in a body larger than the buffer its UTF-8 check decodes it through.
        String page = uniquePage() + "/café-€-😀";
        List<String> users = IntStream.range(0, 100).mapToObj(i -> "visitor-é€😀-" + i).toList();
        String body = users.stream().map(user -> event(page, user, 1)).collect(Collectors.joining(",", "[", "]"));
        assertThat(utf8(body).length, greaterThan(4096));

        given().contentType(ContentType.JSON).body(utf8(body))
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(users.size()));

        List<ConsumerRecord<String, String>> records = await(companion, r -> page.equals(r.key()), users.size());
        assertThat(records.stream().map(PageEventsTopic::user).toList(), is(users));
    }

    @Test
    void ndjsonLinesAreEventsAndBlankLinesAreIgnored() {
        String pageA = uniquePage();
        String pageB = uniquePage();
        String pageC = uniquePage();
        String body = "\n" + event(pageA, "U1", 1) + "\r\n\n   \n" + event(pageB, "U2", 2) + "\n" + event(pageC, "U3", 3);

        given().contentType(NDJSON).body(utf8(body))
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(3));

        List<ConsumerRecord<String, String>> records = await(companion,
                r -> List.of(pageA, pageB, pageC).contains(r.key()), 3);
        assertThat(records.stream().map(ConsumerRecord::key).toList(), containsInAnyOrder(pageA, pageB, pageC));
        for (ConsumerRecord<String, String> record : records) {
            assertThat(value(record).get("name").asText(), is(record.key()));
            assertThat(record.timestamp(), is(date(record).toEpochMilli()));
        }
    }

    @Test
    void contentTypeWithCharsetIsAccepted() {
        String page = uniquePage();
        given().contentType("application/json; charset=UTF-8").body(event(page, "U1", 5))
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(1));
        assertThat(await(companion, r -> page.equals(r.key()), 1), hasSize(1));
    }

    @Test
    void invalidBatchWritesNothing() {
        String page = uniquePage();
        String sentinel = "sentinel";
        // Valid events first, so that a sender streaming events before validating all of them would be caught.
        given().contentType(ContentType.JSON)
                .body("[" + event(page, "array-ok-1", 1) + "," + event(page, "array-ok-2", 2) + ","
                        + event(page, "", 3) + "]")
                .when().post("/events")
                .then().statusCode(400).body("violations.index", hasItem(2));
        given().contentType(NDJSON)
                .body(utf8(event(page, "ndjson-ok", 1) + "\n" + event(page, "ndjson-bad", -1) + "\n"))
                .when().post("/events")
                .then().statusCode(400).body("violations.index", hasItem(1));
        given().contentType(ContentType.JSON).body(event(page, sentinel, 1))
                .when().post("/events")
                .then().statusCode(202);

        // Same key, same partition: anything of the refused batches would precede the sentinel.
        List<String> usersBeforeSentinel = PageEventsTopic.before(companion, page, r -> sentinel.equals(user(r)))
                .stream().map(PageEventsTopic::user).toList();
        assertThat(usersBeforeSentinel, is(empty()));
    }

    @Test
    void bodyAtTheLimitIsAccepted() {
        String page = uniquePage();
        byte[] event = event(page, "U1", 1).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(event, 0, body, 0, event.length);

        given().contentType(ContentType.JSON).body(body)
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(1));
    }

    @Test
    void bodyOverTheLimitIsRefusedWithJsonBeforeBeingSent() throws Exception {
        // Announces one byte too many and sends none: the answer must come from the declared length alone,
        // without waiting for (or reading) the body.
        String response = rawRequest("Content-Type: application/json\r\nContent-Length: " + (1024 * 1024 + 1), "");

        assertThat(response, startsWith("HTTP/1.1 413"));
        assertThat(response, containsStringIgnoringCase("content-type: application/json"));
        assertThat(response, containsString("{\"error\":\"The request body is larger than the limit of 1048576 bytes\"}"));
    }

    @Test
    void chunkedBodyIsReadWhole() throws Exception {
        String page = uniquePage();
        // Larger than Quarkus REST's 10 KB input buffer, sent in 8 KB chunks without a Content-Length.
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append(event(page, "chunked-" + i, 1)).append('\n');
        }
        String response = chunkedRequest(NDJSON, utf8(body.toString()));

        assertThat(response, startsWith("HTTP/1.1 202"));
        assertThat(response, containsString("{\"accepted\":200}"));
        assertThat(await(companion, r -> page.equals(r.key()), 200), hasSize(200));
    }

    @Test
    void bodyWithoutContentTypeIsReadAsJson() throws Exception {
        String page = uniquePage();
        // An array over several lines: read as NDJSON, its first line alone ("[") would be refused.
        String body = "[\n" + event(page, "U1", 1) + ",\n" + event(page, "U2", 2) + "\n]";
        String response = rawRequest("Content-Length: " + utf8(body).length, body);

        assertThat(response, startsWith("HTTP/1.1 202"));
        assertThat(response, containsString("{\"accepted\":2}"));
        assertThat(await(companion, r -> page.equals(r.key()), 2), hasSize(2));
    }

    @Test
    void otherContentTypesAreRefused() {
        given().contentType(ContentType.TEXT).body(event(uniquePage(), "U1", 1))
                .when().post("/events")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", equalTo("Content-Type must be application/json or application/x-ndjson"));
        given().contentType(ContentType.URLENC).body("name=P1")
                .when().post("/events")
                .then().statusCode(415).contentType(ContentType.JSON);
    }

    @Test
    void otherMethodsGetJsonErrors() {
        given().when().get("/events")
                .then().statusCode(405).contentType(ContentType.JSON).body("error", containsString("405"));
    }

    @Test
    void openApiDescribesOneOperationForBothContentTypes() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/events'.keySet()", contains("post"))
                .body("paths.'/events'.post.requestBody.content.keySet()", containsInAnyOrder("application/json", NDJSON))
                .body("paths.'/events'.post.responses.keySet()", hasItem("202"));
    }

    @Test
    void acceptedEventsAreCounted() {
        double before = acceptedCounter();
        given().contentType(ContentType.JSON)
                .body("[" + event(uniquePage(), "U1", 1) + "," + event(uniquePage(), "U2", 2) + "]")
                .when().post("/events")
                .then().statusCode(202);
        assertThat(acceptedCounter(), greaterThanOrEqualTo(before + 2));
    }

    @Test
    void readinessReportsTheKafkaChannel() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body(containsString("\"" + PageEventsTopic.TOPIC + "\""));
    }

    private static double acceptedCounter() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("pulse_producer_events_accepted_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pulse_producer_events_accepted_total in /q/metrics"));
    }

    /** A POST /events exactly as given (no header added), answered with status line, headers and body. */
    private String rawRequest(String headers, String body) throws IOException {
        try (Socket socket = new Socket(events.getHost(), events.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /events HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(utf8(body));
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** A POST /events in 8 KB chunks, without a Content-Length. */
    private String chunkedRequest(String contentType, byte[] body) throws Exception {
        try (Socket socket = new Socket(events.getHost(), events.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST /events HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int from = 0; from < body.length; from += 8192) {
                        int length = Math.min(8192, body.length - from);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, from, length);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refusedMidBody) {
                    // The server answered and closed: its answer is what the test reads.
                }
            });
            writer.start();
            String response = readResponse(socket.getInputStream());
            writer.join(10_000);
            return response;
        }
    }

    /** Reads up to the end of the body given by Content-Length: the server may keep the connection open. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                .findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
