package dev.pulse.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.event.PageEventRules;
import dev.pulse.event.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Turns a request body into events: one JSON event, a JSON array of events, or NDJSON (one event per
 * non-blank line). All or nothing: either every event is valid, or every violation is reported, each
 * naming the event's index (its array position, or its rank among the non-blank NDJSON lines).
 */
@ApplicationScoped
// Created at startup so that its counters are exported (as 0) before the first request.
@Startup
public class EventBatchReader {

    public enum Format {
        JSON, NDJSON
    }

    static final String NOT_AN_OBJECT = "must be a JSON object with fields name, user, date, duration";

    private static final JsonMapper MAPPER = PageEventJson.STRICT_MAPPER;
    /** Reads one array element at a time: what follows an element is the rest of the array, not trailing garbage. */
    private static final ObjectReader ELEMENT_TREE_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectReader reader = MAPPER.readerFor(PageEvent.class);
    private final ObjectReader elementReader = reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Clock clock = Clock.systemUTC();
    private final PageEventRules rules = new PageEventRules(clock);
    private final Counter rejected;

    EventBatchReader(MeterRegistry registry) {
        this.rejected = Counter.builder("pulse.producer.requests.rejected")
                .description("Requests refused because at least one event was invalid; nothing of them was sent")
                .register(registry);
    }

    /**
     * The events in {@code body}, those without a date dated now.
     *
     * @throws InvalidPageEventException with every violation, when any event is unreadable or breaks a rule
     * @throws BadRequestException when the body holds no event at all
     */
    public List<PageEvent> read(byte[] body, Format format) throws InvalidPageEventException {
        // Kafka timestamps are milliseconds: a date of the same precision is exactly the record's timestamp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<PageEvent> events = bindValid(body, format, now);
        List<Violation> violations = List.of();
        if (events == null) {
            Batch batch = new Batch(now);
            if (format == Format.NDJSON) {
                forEachLine(body, (offset, length, index) -> {
                    readOne(body, offset, length, index, batch);
                    return true;
                });
            } else {
                readJson(body, batch);
            }
            events = batch.events;
            violations = batch.violations;
        }
        if (violations.isEmpty()) {
            // Jackson has refused most broken UTF-8 already, naming the event; this catches what it lets through.
            int malformed = firstMalformedUtf8Byte(body);
            if (malformed >= 0) {
                violations = List.of(new Violation(-1, null,
                        "the request body is not valid UTF-8: malformed byte sequence at byte " + malformed));
            }
        }
        if (!violations.isEmpty()) {
            rejected.increment();
            throw new InvalidPageEventException(violations);
        }
        if (events.isEmpty()) {
            rejected.increment();
            throw new BadRequestException("The request contains no events");
        }
        return events;
    }

    /**
     * The events of a body in which all are valid (most bodies), bound straight from the parser without building
     * a tree per event. Null as soon as anything is wrong: the body is then read again, each event as a tree, to
     * name every violation precisely.
     */
    private List<PageEvent> bindValid(byte[] body, Format format, Instant now) {
        List<PageEvent> events = new ArrayList<>();
        try {
            if (format == Format.NDJSON) {
                return forEachLine(body, (offset, length, index) -> addValid(
                        boundOrNull(body, offset, length), index, events, now)) ? events : null;
            }
            try (JsonParser parser = MAPPER.createParser(body)) {
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                        if (!addValid(elementReader.readValue(parser), index, events, now)) {
                            return null;
                        }
                    }
                } else if (first != null && !addValid(elementReader.readValue(parser), 0, events, now)) {
                    return null;
                }
                return parser.nextToken() == null ? events : null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    private PageEvent boundOrNull(byte[] body, int offset, int length) {
        try {
            return reader.readValue(body, offset, length);
        } catch (IOException e) {
            return null;
        }
    }

    private boolean addValid(PageEvent event, int index, List<PageEvent> events, Instant now) {
        if (event == null || !rules.check(event, index).isEmpty()) {
            return false;
        }
        events.add(event.withDateIfAbsent(now));
        return true;
    }

    private void readJson(byte[] body, Batch batch) {
        int start = skipWhitespace(body, 0, body.length);
        if (start == body.length) {
            return;
        }
        if (body[start] != '[') {
            readOne(body, start, body.length - start, 0, batch);
            return;
        }
        readArray(body, batch);
    }

    /**
     * Elements are bound one by one, so that one element's wrong field does not hide the next element's;
     * a syntax error ends the reading, since nothing after it can be trusted.
     */
    private void readArray(byte[] body, Batch batch) {
        int index = 0;
        try (JsonParser parser = MAPPER.createParser(body)) {
            parser.nextToken();
            for (; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                batch.bind(ELEMENT_TREE_READER.readTree(parser), index);
            }
            if (parser.nextToken() != null) {
                batch.violations.add(new Violation(-1, null, "unexpected content after the JSON array"));
            }
        } catch (IOException e) {
            batch.violations.add(PageEventJson.violationOf(e, index));
        }
    }

    /** What is done with one NDJSON line; false stops the reading. */
    @FunctionalInterface
    private interface LineReader {
        boolean read(int offset, int length, int index);
    }

    /**
     * Lines are independent documents: a broken line does not stop the others being checked.
     *
     * @return false if {@code lineReader} stopped the reading
     */
    private static boolean forEachLine(byte[] body, LineReader lineReader) {
        int index = 0;
        int lineStart = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                if (skipWhitespace(body, lineStart, i) < i && !lineReader.read(lineStart, i - lineStart, index++)) {
                    return false;
                }
                lineStart = i + 1;
            }
        }
        return true;
    }

    private void readOne(byte[] body, int offset, int length, int index, Batch batch) {
        JsonNode document;
        try {
            document = MAPPER.readTree(body, offset, length);
        } catch (IOException e) {
            batch.violations.add(PageEventJson.violationOf(e, index));
            return;
        }
        batch.bind(document, index);
    }

    /**
     * Jackson decodes overlong forms (0xC0 0xAF for "/") and UTF-8-encoded surrogates instead of refusing them:
     * text the client did not mean, or could use to slip past a check. The JDK's decoder refuses both.
     *
     * @return the offset of the first byte that is not well-formed UTF-8, or -1
     */
    private static int firstMalformedUtf8Byte(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        // The decoded text is thrown away, so the buffer is reused rather than sized for the body: no larger than a
        // small body, for single events. At least 2 chars, so that a surrogate pair always fits.
        CharBuffer out = CharBuffer.allocate(Math.max(2, Math.min(body.length, 4096)));
        for (;;) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    private static int skipWhitespace(byte[] body, int from, int to) {
        int i = from;
        while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i;
    }

    private final class Batch {
        final Instant now;
        final List<PageEvent> events = new ArrayList<>();
        final List<Violation> violations = new ArrayList<>(0);

        Batch(Instant now) {
            this.now = now;
        }

        /**
         * Syntax was checked while reading the tree; binding it reports only wrong fields, so that
         * a field's broken encoding is never mistaken for a wrong type.
         */
        void bind(JsonNode document, int index) {
            if (document == null || !document.isObject()) {
                violations.add(new Violation(index, null, NOT_AN_OBJECT));
                return;
            }
            PageEvent event;
            try {
                event = reader.readValue(document);
            } catch (IOException e) {
                violations.add(PageEventJson.violationOf(e, index));
                return;
            }
            List<Violation> broken = rules.check(event, index);
            if (broken.isEmpty()) {
                events.add(event.withDateIfAbsent(now));
            } else {
                violations.addAll(broken);
            }
        }
    }
}
