package dev.pulse.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

/**
 * The JSON form of {@link PageEvent}. Two mappers: a strict one for the REST APIs (unknown fields, a field
 * given twice, wrong types, coerced scalars and dates as numbers are errors) and a lenient one for Kafka records,
 * where other clients may add fields.
 */
public final class PageEventJson {

    /** Deeper than any event needs: a guard against stack-hungry hostile documents. */
    static final int MAX_NESTING_DEPTH = 16;

    /** For request bodies: the producer reads events with it, the generator binds its settings with it. */
    public static final JsonMapper STRICT_MAPPER = mapper(true);
    private static final JsonMapper LENIENT_MAPPER = mapper(false);

    private static final ObjectWriter WRITER = LENIENT_MAPPER.writerFor(PageEvent.class);
    private static final ObjectReader LENIENT_READER = LENIENT_MAPPER.readerFor(PageEvent.class);
    private static final CommonShapeReader COMMON_SHAPE_READER = new CommonShapeReader(LENIENT_MAPPER.getFactory());

    private PageEventJson() {
    }

    private static JsonMapper mapper(boolean strict) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                // {"name": "a", "name": "b"} is ambiguous (Jackson would keep "b"): a client error on the REST API.
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strict)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                // Registered after JavaTimeModule, so they take precedence for Instant and fall back to it.
                .addModule(new SimpleModule("pulse-instant")
                        .addDeserializer(Instant.class, new IsoInstantDeserializer(InstantDeserializer.INSTANT, strict))
                        .addSerializer(Instant.class, new IsoInstantSerializer(InstantSerializer.INSTANCE)))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, !strict)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, !strict)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        if (strict) {
            // ALLOW_COERCION_OF_SCALARS leaves number/boolean-to-text alone: "name": 42 is a client's mistake.
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    public static byte[] toBytes(PageEvent event) {
        try {
            return WRITER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one event as another Kafka client may have written it: unknown fields are ignored. */
    public static PageEvent fromKafka(byte[] json) throws InvalidPageEventException {
        if (json == null) {
            throw new InvalidPageEventException(new Violation(-1, null, "record has no value"));
        }
        PageEvent common = COMMON_SHAPE_READER.read(json);
        return common != null ? common : bound(json);
    }

    /** Jackson's data binding, for records that are not in the common shape. */
    static PageEvent bound(byte[] json) throws InvalidPageEventException {
        try {
            PageEvent event = LENIENT_READER.readValue(json);
            if (event == null) {
                throw new InvalidPageEventException(new Violation(-1, null, "value is JSON null"));
            }
            return event;
        } catch (IOException e) {
            throw new InvalidPageEventException(violationOf(e, -1));
        }
    }

    /** A precise, client-facing account of why Jackson could not read an event. */
    public static Violation violationOf(IOException error, int index) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return new Violation(index, unknown.getPropertyName(), "is not a field of a page event (fields: name, user, date, duration, kind, view)");
        }
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            return new Violation(index, field, expectation(field, mapping));
        }
        if (error instanceof MismatchedInputException) {
            return new Violation(index, null, "must be a JSON object with fields name, user, date, duration");
        }
        if (error instanceof JsonProcessingException parse) {
            return new Violation(index, null, "is not valid JSON: " + parse.getOriginalMessage());
        }
        return new Violation(index, null, "could not be read: " + error.getMessage());
    }

    /** Where in the document Jackson failed, as {@code field}, {@code field.inner} or {@code field.[2]}; null at the top. */
    static String fieldPath(JsonMappingException error) {
        if (error.getPath().isEmpty()) {
            return null;
        }
        return error.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String expectation(String field, JsonMappingException error) {
        String got = error instanceof InvalidFormatException format ? " (got " + quote(format.getValue()) + ")" : "";
        return switch (field) {
            case "name", "user", "view" -> "must be a string" + got;
            case "kind" -> "must be \"" + PageEvent.VIEW + "\" or \"" + PageEvent.LEAVE + "\"" + got;
            case "date" -> "must be an ISO-8601 instant such as 2026-11-24T10:15:30.123Z" + got;
            case "duration" -> "must be a whole number of milliseconds" + got;
            default -> "has the wrong type" + got;
        };
    }

    private static String quote(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
