package dev.pulse.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.testing.RunCredentials;

/**
 * Hostile input bounces off the packaged producer: each request gets a clear 4xx with a JSON error, nothing of
 * any of them reaches {@code page-events} (its end offsets do not move, and no record carries this run's marker),
 * and the producer is still ready afterwards.
 */
@ExtendWith(ReliabilitySuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final Sizing SIZING = Sizing.CURRENT;
    private static final String JSON = "application/json";

    /**
     * One hostile request and the answer it must get. {@code check} is null for the few requests Quarkus' HTTP layer
     * refuses before any code of the producer runs, with the right status but no body (see {@link #httpLayer}).
     */
    record Hostile(String name, String method, String target, String contentType, byte[] body, boolean chunked,
            int status, Consumer<JsonNode> check, Map<String, String> headers) {

        Hostile(String name, String method, String target, String contentType, byte[] body, boolean chunked,
                int status, Consumer<JsonNode> check) {
            this(name, method, target, contentType, body, chunked, status, check, Map.of());
        }
    }

    /** What the tracker's beacons come with from a real browser. */
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    static final String BEACON_TYPE = "text/plain;charset=UTF-8";

    /** A case's Authorization header of this value is not sent at all: no credentials, rather than the ingest key. */
    private static final String NO_CREDENTIALS = "";

    private static PulseStack stack;
    private static ReliabilityReport report;
    private static Map<TopicPartition, Long> before;
    private static String marker;

    @BeforeAll
    static void noteWhereTheTopicEnds(PulseStack pulse, ReliabilityReport reliabilityReport) {
        stack = pulse;
        report = reliabilityReport;
        marker = "hostile-" + pulse.runId;
        before = pulse.kafka().endOffsets(PulseStack.PAGE_EVENTS);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> eachHostileRequestIsRefusedWithA4xxJsonError() {
        List<Hostile> cases = new ArrayList<>(curated(marker));
        cases.addAll(generated(marker, SIZING.generatedHostileInputs()));
        cases.addAll(beacons(marker, stack.trackerOrigin()));
        cases.addAll(credentials(marker));
        return cases.stream().map(hostile -> DynamicTest.dynamicTest(hostile.name(), () -> refused(hostile)));
    }

    /**
     * Many tiny beacons, as a script would flood the endpoint from pages it does not own, as bots, or with garbage:
     * each gets its answer (403, 202 with nothing written, 400), every bot is counted, and nothing is written.
     */
    @Test
    @Order(2)
    void aFloodOfTinyBeaconsIsRefusedOrDiscarded() throws Exception {
        String beacon = "/beacon";
        String metrics = stack.producer().url("/q/metrics");
        byte[] view = utf8("{\"name\":\"" + marker + "-flood\",\"user\":\"v\",\"duration\":0,\"kind\":\"view\"}");
        byte[] garbage = utf8("{\"name\":");
        List<Hostile> flood = new ArrayList<>();
        for (int i = 0; i < SIZING.beaconFlood(); i++) {
            flood.add(switch (i % 3) {
                case 0 -> new Hostile("foreign", "POST", beacon, BEACON_TYPE, view, false, 403, null,
                        Map.of("Origin", "https://flood-" + i + ".example", "User-Agent", BROWSER));
                case 1 -> new Hostile("bot", "POST", beacon, BEACON_TYPE, view, false, 202, null,
                        Map.of("Origin", stack.trackerOrigin(), "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"));
                default -> new Hostile("garbage", "POST", beacon, BEACON_TYPE, garbage, false, 400, null,
                        Map.of("Origin", stack.trackerOrigin(), "User-Agent", BROWSER));
            });
        }
        double botsBefore = Http.metric(metrics, "pulse_producer_tracker_bots_total");
        double foreignBefore = Http.metric(metrics, "pulse_producer_tracker_origins_refused_total");

        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
            for (Hostile hostile : flood) {
                answers.add(senders.submit(() -> {
                    List<String> headers = new ArrayList<>(List.of("Content-Type", hostile.contentType()));
                    hostile.headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
                    var answer = Http.post(stack.producer().url(hostile.target()), hostile.body(), headers.toArray(String[]::new));
                    boolean right = answer.statusCode() == hostile.status()
                            && (hostile.status() != 202 || answer.body().contains("\"accepted\":0"));
                    return right ? null : hostile.name() + ": " + answer.statusCode() + " " + Http.abbreviate(answer.body());
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (var answer : answers) {
                String problem = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong answers");
        } finally {
            senders.shutdownNow();
        }
        long bots = flood.stream().filter(hostile -> hostile.status() == 202).count();
        long foreign = flood.stream().filter(hostile -> hostile.status() == 403).count();
        assertEquals(botsBefore + bots, Http.metric(metrics, "pulse_producer_tracker_bots_total"), "bots counted");
        assertEquals(foreignBefore + foreign, Http.metric(metrics, "pulse_producer_tracker_origins_refused_total"),
                "foreign origins counted");
        report.note("beacon flood: " + flood.size() + " tiny beacons (foreign origins, bots, garbage), each answered "
                + "as it should be");
    }

    @Test
    @Order(3)
    void nothingReachedKafkaAndTheProducerIsStillReady() {
        await("producer ready").atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(stack.producer().url("/q/health/ready")).statusCode() == 200);
        assertEquals("UP", Http.getJson(stack.producer().url("/q/health/ready")).path("status").asText());

        Map<TopicPartition, Long> after = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        List<String> ours = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : stack.kafka().read(before, after)) {
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            ours.add(record.partition() + "@" + record.offset() + ": " + Http.abbreviate(value));
        }
        assertEquals(List.of(), ours, "records written to page-events while only hostile requests were sent");
        assertEquals(before, after, "page-events end offsets");
        report.note("hostile inputs: producer ready afterwards, page-events end offsets unchanged");
    }

    private static void refused(Hostile hostile) {
        report.hostileInputs.incrementAndGet();
        // Sent with the ingest key, so that what is refused is the request itself, unless the case is about credentials.
        Map<String, String> headers = new HashMap<>(hostile.headers());
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            headers.put("Authorization", Http.INGEST);
        }
        headers.values().remove(NO_CREDENTIALS);
        RawHttp.Answer answer = RawHttp.exchange(stack.producer().port(), hostile.method(), hostile.target(),
                hostile.contentType(), hostile.body(), hostile.chunked(), headers);
        String shown = answer.status() + " " + answer.header("content-type") + " " + Http.abbreviate(answer.text());
        assertEquals(hostile.status(), answer.status(), shown);
        if (hostile.check() == null) {
            report.hostileInputsWithoutJson.incrementAndGet();
            return;
        }
        String contentType = answer.header("content-type");
        assertTrue(contentType != null && contentType.startsWith(JSON), "a JSON answer: " + shown);
        JsonNode error = Http.parse(answer.text());
        assertTrue(error.path("error").isTextual() && !error.path("error").asText().isBlank(),
                "an \"error\" saying what is wrong: " + shown);
        hostile.check().accept(error);
        report.hostileInputsRefused.incrementAndGet();
    }

    /** Hand-written cases: every way a client can get an event wrong, and the workshop route's topics. */
    static List<Hostile> curated(String marker) {
        String page = marker + "-page";
        String user = marker + "-user";
        String fields = "\"name\":\"" + page + "\",\"user\":\"" + user + "\"";
        String valid = "{" + fields + ",\"duration\":500}";
        Consumer<JsonNode> violations = error -> assertTrue(error.path("violations").isArray()
                && !error.path("violations").isEmpty(), "violations listed: " + error);
        List<Hostile> cases = new ArrayList<>();

        // Malformed JSON
        cases.add(post("truncated JSON", "{" + fields + ",\"duration\":", violations));
        cases.add(post("not JSON at all", "name=" + page + "&user=" + user, violations));
        cases.add(post("trailing garbage after the event", valid + " }{", violations));
        cases.add(post("single quotes", valid.replace('"', '\''), violations));
        cases.add(post("a comment in the JSON", "{/* hello */" + fields + ",\"duration\":500}", violations));
        cases.add(post("the same field twice", "{" + fields + ",\"name\":\"other\",\"duration\":500}", violations));
        // Wrong types
        cases.add(post("name is a number", "{\"name\":42,\"user\":\"" + user + "\",\"duration\":500}", field("name")));
        cases.add(post("user is an object", "{\"name\":\"" + page + "\",\"user\":{\"id\":1},\"duration\":500}", field("user")));
        cases.add(post("duration is a string", "{" + fields + ",\"duration\":\"500\"}", field("duration")));
        cases.add(post("duration is a fraction", "{" + fields + ",\"duration\":500.5}", field("duration")));
        cases.add(post("duration is a boolean", "{" + fields + ",\"duration\":true}", field("duration")));
        cases.add(post("date is a number", "{" + fields + ",\"duration\":500,\"date\":1700000000}", field("date")));
        cases.add(post("date is not a date", "{" + fields + ",\"duration\":500,\"date\":\"yesterday\"}", field("date")));
        cases.add(post("date is an array", "{" + fields + ",\"duration\":500,\"date\":[2026,11,24]}", field("date")));
        // Missing and extra fields
        cases.add(post("no name", "{\"user\":\"" + user + "\",\"duration\":500}", field("name")));
        cases.add(post("no user", "{\"name\":\"" + page + "\",\"duration\":500}", field("user")));
        cases.add(post("no duration", "{" + fields + "}", field("duration")));
        cases.add(post("name is null", "{\"name\":null,\"user\":\"" + user + "\",\"duration\":500}", field("name")));
        cases.add(post("an extra field", "{" + fields + ",\"duration\":500,\"admin\":true}", field("admin")));
        cases.add(post("an empty object", "{}", violations));
        // Out-of-range numbers and dates
        cases.add(post("negative duration", "{" + fields + ",\"duration\":-1}", field("duration")));
        cases.add(post("duration over a day", "{" + fields + ",\"duration\":86400001}", field("duration")));
        cases.add(post("duration beyond a long", "{" + fields + ",\"duration\":99999999999999999999999}", field("duration")));
        cases.add(post("duration 1e300", "{" + fields + ",\"duration\":1e300}", field("duration")));
        cases.add(post("date far in the future", "{" + fields + ",\"duration\":500,\"date\":\"2999-01-01T00:00:00Z\"}", field("date")));
        cases.add(post("date before 1970", "{" + fields + ",\"duration\":500,\"date\":\"1960-01-01T00:00:00Z\"}", field("date")));
        cases.add(post("date in year 10000", "{" + fields + ",\"duration\":500,\"date\":\"+10000-01-01T00:00:00Z\"}", field("date")));
        // Strings: length, control characters, broken Unicode and UTF-8
        cases.add(post("name of 129 characters", event(marker + "x".repeat(129 - marker.length()), user), field("name")));
        cases.add(post("name of 900 000 characters", event(marker + "x".repeat(900_000), user), field("name")));
        cases.add(post("empty user", event(page, ""), field("user")));
        cases.add(post("escaped NUL in the name", event(page + "\\u0000", user), field("name")));
        cases.add(post("escaped C1 control in the name", event(page + "\\u009b", user), field("name")));
        cases.add(post("line break in the user", event(page, user + "\\nX-Injected: yes"), field("user")));
        cases.add(post("raw BEL byte inside a string", bytes("{\"name\":\"" + page, new byte[] { 7 }, "\",\"user\":\"" + user + "\",\"duration\":500}"), violations));
        cases.add(post("lone surrogate in the name", event(page + "\\ud800", user), field("name")));
        cases.add(post("invalid UTF-8 in the name", bytes("{\"name\":\"" + page, new byte[] { (byte) 0xC3, 0x28 }, "\",\"user\":\"" + user + "\",\"duration\":500}"), violations));
        cases.add(post("overlong UTF-8 in the user", bytes("{\"name\":\"" + page + "\",\"user\":\"", new byte[] { (byte) 0xC0, (byte) 0xAF }, "\",\"duration\":500}"), violations));
        cases.add(post("0xFF byte between fields", bytes("{\"name\":\"" + page + "\",", new byte[] { (byte) 0xFF }, "\"user\":\"" + user + "\",\"duration\":500}"), violations));
        // Shapes
        cases.add(post("empty body", "", error -> { }));
        cases.add(post("only whitespace", " \r\n\t ", error -> { }));
        cases.add(post("empty array", "[]", error -> { }));
        cases.add(post("JSON null", "null", violations));
        cases.add(post("array of numbers", "[1,2,3]", violations));
        cases.add(post("a JSON string", "\"" + page + "\"", violations));
        cases.add(post("arrays nested 100 000 deep", "[".repeat(100_000) + "]".repeat(100_000), violations));
        cases.add(post("objects nested 50 000 deep in a field",
                "{" + fields + ",\"duration\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}", violations));
        cases.add(post("a batch with one bad element", "[" + valid + "," + valid + "," + valid + ",{" + fields
                + ",\"duration\":-5}," + valid + "]", error -> {
                    assertEquals(1, error.path("violations").size(), "only the bad element: " + error);
                    assertEquals(3, error.path("violations").get(0).path("index").asInt(), "its index: " + error);
                    assertEquals("duration", error.path("violations").get(0).path("field").asText(), "its field: " + error);
                }));
        cases.add(new Hostile("NDJSON with one bad line", "POST", "/events", "application/x-ndjson",
                utf8(valid + "\n{" + fields + ",\"duration\":\"long\"}\n" + valid + "\n"), false, 400,
                error -> assertEquals(1, error.path("violations").get(0).path("index").asInt(), "its line: " + error)));
        // Size
        byte[] huge = utf8("[" + String.join(",", java.util.Collections.nCopies(2 * 1024 * 1024 / valid.length() + 1, valid)) + "]");
        cases.add(new Hostile("2 MB body with Content-Length", "POST", "/events", JSON, huge, false, 413, error -> { }));
        cases.add(httpLayer(new Hostile("2 MB body in chunks", "POST", "/events", JSON, huge, true, 413, null)));
        // Content types and methods
        cases.add(new Hostile("text/plain", "POST", "/events", "text/plain", utf8(valid), false, 415, error -> { }));
        cases.add(new Hostile("application/xml", "POST", "/events", "application/xml",
                utf8("<event><name>" + page + "</name></event>"), false, 415, error -> { }));
        cases.add(new Hostile("form-encoded", "POST", "/events", "application/x-www-form-urlencoded",
                utf8("name=" + page + "&user=" + user + "&duration=500"), false, 415, error -> { }));
        cases.add(new Hostile("multipart", "POST", "/events", "multipart/form-data; boundary=x",
                utf8("--x\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n" + valid + "\r\n--x--\r\n"), false, 415, error -> { }));
        // Access control refuses a method no row of the table names on a path it names, whoever asks.
        cases.add(new Hostile("PUT /events", "PUT", "/events", JSON, utf8(valid), false, 403, error -> { }));
        cases.add(asAdmin(new Hostile("DELETE /events", "DELETE", "/events", null, null, false, 403, error -> { })));
        // The workshop route: only allow-listed topics, and a page name that follows the rules
        cases.add(get("__consumer_offsets", "/publish/__consumer_offsets/" + page, 403));
        cases.add(get("__transaction_state", "/publish/__transaction_state/" + page, 403));
        cases.add(get("the dead-letter topic", "/publish/page-events-dlq/" + page, 403));
        cases.add(asAdmin(get("raw .. as the topic", "/publish/../x/" + page, 404)));
        cases.add(asAdmin(get("%2e%2e as the topic", "/publish/%2e%2e/" + page, 404)));
        cases.add(get("encoded slashes in the topic", "/publish/page-events%2f..%2fx/" + page, 403));
        cases.add(get("topic of 300 characters", "/publish/" + "t".repeat(300) + "/" + page, 403));
        cases.add(httpLayer(get("topic of 8000 characters", "/publish/" + "t".repeat(8000) + "/" + page, 414)));
        cases.add(get("page name of 200 characters", "/publish/page-events/" + marker + "p".repeat(200), 400));
        cases.add(get("NUL in the page name", "/publish/page-events/" + page + "%00", 400));
        cases.add(get("invalid UTF-8 in the page name", "/publish/page-events/" + page + "%FF%FE", 400));
        return cases;
    }

    /**
     * The tracker's beacon endpoint: pages of other origins (the browser sends a text/plain beacon without asking
     * first, so the producer must refuse it itself), wrong types and kinds, oversized and mistyped bodies.
     */
    static List<Hostile> beacons(String marker, String allowedOrigin) {
        String fields = "\"name\":\"" + marker + "-tracked\",\"user\":\"" + marker + "-visitor\"";
        String view = "{" + fields + ",\"duration\":0,\"kind\":\"view\",\"view\":\"v-1\"}";
        Map<String, String> page = Map.of("Origin", allowedOrigin, "User-Agent", BROWSER);
        Consumer<JsonNode> anyError = error -> { };
        List<Hostile> cases = new ArrayList<>();
        // Origins: only the allowed one, exactly
        for (String origin : List.of("https://evil.example", allowedOrigin + ".evil.example", allowedOrigin.replace("localhost", "127.0.0.1"),
                allowedOrigin.replace("http:", "https:"), "null")) {
            cases.add(beacon("beacon from origin " + origin, Map.of("Origin", origin, "User-Agent", BROWSER), BEACON_TYPE,
                    utf8(view), 403, anyError));
        }
        cases.add(beacon("beacon without an Origin", Map.of("User-Agent", BROWSER), BEACON_TYPE, utf8(view), 403, anyError));
        cases.add(new Hostile("beacon preflight from a foreign origin", "OPTIONS", "/beacon", null, null, false, 403, anyError,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST")));
        // Wrong types and kinds, from the allowed origin
        cases.add(beacon("beacon of an unknown kind", page, BEACON_TYPE, utf8("{" + fields + ",\"duration\":0,\"kind\":\"click\"}"), 400, field("kind")));
        cases.add(beacon("beacon whose kind is a number", page, BEACON_TYPE, utf8("{" + fields + ",\"duration\":0,\"kind\":1}"), 400, field("kind")));
        cases.add(beacon("beacon whose view id is an object", page, BEACON_TYPE, utf8("{" + fields + ",\"duration\":0,\"kind\":\"view\",\"view\":{}}"), 400, field("view")));
        cases.add(beacon("beacon of a view with a duration", page, BEACON_TYPE, utf8("{" + fields + ",\"duration\":900,\"kind\":\"view\"}"), 400, field("duration")));
        cases.add(beacon("beacon whose name is a number", page, BEACON_TYPE, utf8("{\"name\":7,\"user\":\"u\",\"duration\":0,\"kind\":\"view\"}"), 400, field("name")));
        cases.add(beacon("beacon with an extra field", page, BEACON_TYPE, utf8("{" + fields + ",\"duration\":0,\"kind\":\"view\",\"ip\":\"1.2.3.4\"}"), 400, field("ip")));
        cases.add(beacon("beacon of a valid and an invalid event", page, BEACON_TYPE, utf8("[" + view + ",{" + fields + ",\"duration\":-1}]"), 400,
                error -> assertEquals(1, error.path("violations").get(0).path("index").asInt(), "its index: " + error)));
        cases.add(beacon("beacon that is not JSON", page, BEACON_TYPE, utf8("view=" + marker), 400, anyError));
        cases.add(beacon("empty beacon", page, BEACON_TYPE, new byte[0], 400, anyError));
        // Size and types
        byte[] padded = utf8(view + " ".repeat(5_000));
        cases.add(beacon("beacon of 5 KB", page, BEACON_TYPE, padded, 413, anyError));
        cases.add(new Hostile("beacon of 5 KB in chunks", "POST", "/beacon", BEACON_TYPE, padded, true, 413, anyError, page));
        cases.add(beacon("beacon as application/xml", page, "application/xml", utf8("<view/>"), 415, anyError));
        cases.add(beacon("beacon as a form", page, "application/x-www-form-urlencoded", utf8("name=x"), 415, anyError));
        cases.add(new Hostile("GET /beacon", "GET", "/beacon", null, null, false, 405, anyError, page));
        return cases;
    }

    private static Hostile beacon(String name, Map<String, String> headers, String contentType, byte[] body, int status,
            Consumer<JsonNode> check) {
        return new Hostile(name, "POST", "/beacon", contentType, body, false, status, check, headers);
    }

    /**
     * Generated cases: a valid event with a random cut, or a byte JSON never allows (a raw control character,
     * a byte that is never UTF-8) inserted at a random place. Each is invalid whatever the place.
     */
    /** A valid event, with credentials that are missing, refused, or not allowed to write. */
    static List<Hostile> credentials(String marker) {
        byte[] event = utf8("{\"name\":\"" + marker + "-credentials\",\"user\":\"u\",\"duration\":500}");
        Consumer<JsonNode> anyError = error -> { };
        String revoked = "Bearer " + RunCredentials.revokedKey();
        List<Hostile> cases = new ArrayList<>();
        cases.add(withAuthorization("no Authorization", event, Map.of(), 401, anyError));
        cases.add(withAuthorization("a revoked key", event, Map.of("Authorization", revoked), 401, anyError));
        cases.add(withAuthorization("a viewer's key", event, Map.of("Authorization", Http.VIEWER), 403, anyError));
        cases.add(withAuthorization("Bearer without a key", event, Map.of("Authorization", "Bearer"), 401, anyError));
        cases.add(withAuthorization("malformed Basic", event, Map.of("Authorization", "Basic %%%"), 401, anyError));
        cases.add(withAuthorization("an unsigned token (alg: none)", event, Map.of("Authorization",
                "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsImdyb3VwcyI6WyJhZG1pbiJdfQ."), 401, anyError));
        // The same header twice, the second in lower case: one Authorization header, repeated.
        cases.add(withAuthorization("the ingest key and a revoked key", event,
                Map.of("Authorization", Http.INGEST, "authorization", revoked), 401, anyError));
        cases.add(withAuthorization("a key of 8 KB", event, Map.of("Authorization", "Bearer " + "k".repeat(8_000)), 401, anyError));
        // Beyond the HTTP layer's limit on headers (20 KB): refused before the producer sees it.
        cases.add(httpLayer(withAuthorization("a key of 40 KB", event, Map.of("Authorization", "Bearer " + "k".repeat(40_000)), 431, null)));
        return cases;
    }

    private static Hostile withAuthorization(String name, byte[] event, Map<String, String> authorization, int status,
            Consumer<JsonNode> check) {
        Map<String, String> headers = authorization.isEmpty() ? Map.of("Authorization", NO_CREDENTIALS) : authorization;
        return new Hostile("POST /events with " + name, "POST", "/events", JSON, event, false, status, check, headers);
    }

    static List<Hostile> generated(String marker, int count) {
        byte[] valid = utf8("{\"name\":\"" + marker + "-fuzz\",\"user\":\"" + marker + "-user\",\"duration\":500}");
        byte[] neverValid = { 0x00, 0x01, 0x07, 0x0B, 0x0C, 0x1B, 0x1F, (byte) 0x80, (byte) 0xC0, (byte) 0xF8, (byte) 0xFE, (byte) 0xFF };
        Random random = new Random(20261124L);
        List<Hostile> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] body;
            String what;
            if (i % 2 == 0) {
                int cut = 1 + random.nextInt(valid.length - 1);
                body = java.util.Arrays.copyOf(valid, cut);
                what = "cut after " + cut + " bytes";
            } else {
                int at = random.nextInt(valid.length + 1);
                byte inserted = neverValid[random.nextInt(neverValid.length)];
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(valid, 0, at);
                out.write(inserted);
                out.write(valid, at, valid.length - at);
                body = out.toByteArray();
                what = String.format("byte 0x%02X inserted at %d", inserted, at);
            }
            cases.add(new Hostile("generated #" + i + ": " + what, "POST", "/events", JSON, body, false, 400, error -> { }));
        }
        return cases;
    }

    /**
     * Refused by Quarkus before the producer sees it, with the right status and an empty body: a request line longer
     * than Vert.x's 4096 bytes (414; Quarkus offers no hook to shape that answer), and a body sent in chunks that
     * outgrows the limit while Quarkus REST reads it (413; a declared Content-Length over the limit gets the
     * producer's JSON 413, tested above). Asserted as such, and counted apart in the report.
     */
    private static Hostile httpLayer(Hostile hostile) {
        return new Hostile(hostile.name() + " (HTTP layer)", hostile.method(), hostile.target(), hostile.contentType(),
                hostile.body(), hostile.chunked(), hostile.status(), null, hostile.headers());
    }

    /**
     * Sent as the admin, whom access control lets through to any path the table does not name (the ingest key may
     * only post events and publish): what the producer itself answers a path that is not there.
     */
    private static Hostile asAdmin(Hostile hostile) {
        Map<String, String> headers = new HashMap<>(hostile.headers());
        headers.put("Authorization", Http.ADMIN);
        return new Hostile(hostile.name() + " (as admin)", hostile.method(), hostile.target(), hostile.contentType(),
                hostile.body(), hostile.chunked(), hostile.status(), hostile.check(), headers);
    }

    private static Hostile post(String name, String body, Consumer<JsonNode> check) {
        return post(name, utf8(body), check);
    }

    private static Hostile post(String name, byte[] body, Consumer<JsonNode> check) {
        return new Hostile(name, "POST", "/events", JSON, body, false, 400, check);
    }

    private static Hostile get(String name, String target, int status) {
        return new Hostile("GET " + name, "GET", target, null, null, false, status, error -> { });
    }

    private static Consumer<JsonNode> field(String field) {
        return error -> {
            boolean named = false;
            for (JsonNode violation : error.path("violations")) {
                named |= field.equals(violation.path("field").asText());
            }
            assertTrue(named, "a violation names field " + field + ": " + error);
        };
    }

    private static String event(String name, String user) {
        return "{\"name\":\"" + name + "\",\"user\":\"" + user + "\",\"duration\":500}";
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
