package dev.pulse.event;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads, in one pass over the parser's tokens, an event in the shape Pulse's services and most clients write: one
 * object, each field among name, user, date, duration, kind and view at most once, texts as strings, the duration a
 * whole number, the date a canonical ISO-8601 instant. Anything else, valid or not, is not its business: it answers
 * null, and the caller reads the record with Jackson's data binding, so what is accepted, and how a refusal reads,
 * stay exactly Jackson's. Analytics and the consumer decode every record here, and analytics a whole backlog when it
 * catches up: data binding (a creator, a buffer of properties, a deserializer per field) costs more than the reading.
 */
final class CommonShapeReader {

    private static final int NAME = 1;
    private static final int USER = 2;
    private static final int DATE = 4;
    private static final int DURATION = 8;
    private static final int KIND = 16;
    private static final int VIEW = 32;

    private final JsonFactory factory;

    CommonShapeReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** The event in {@code json}, or null when it is not in the common shape (or not JSON at all). */
    PageEvent read(byte[] json) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name = null;
            String user = null;
            Instant date = null;
            Long duration = null;
            String kind = null;
            String view = null;
            int seen = 0;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                int bit = bit(field);
                if (bit == 0 || (seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (bit == DURATION) {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    duration = parser.getLongValue();
                    continue;
                }
                if (value != JsonToken.VALUE_STRING) {
                    return null;
                }
                String text = parser.getText();
                switch (bit) {
                    case NAME -> name = text;
                    case USER -> user = text;
                    case KIND -> kind = text;
                    case VIEW -> view = text;
                    case DATE -> {
                        date = IsoInstantDeserializer.parseCanonical(text);
                        if (date == null) {
                            return null;
                        }
                    }
                }
            }
            // The loop ends at the object's end, or at a token that is no field name: only the end will do, and
            // nothing may follow it.
            if (!parser.hasToken(JsonToken.END_OBJECT) || parser.nextToken() != null) {
                return null;
            }
            return new PageEvent(name, user, date, duration, kind, view);
        } catch (IOException notJsonOrTooDeep) {
            return null;
        }
    }

    private static int bit(String field) {
        return switch (field) {
            case "name" -> NAME;
            case "user" -> USER;
            case "date" -> DATE;
            case "duration" -> DURATION;
            case "kind" -> KIND;
            case "view" -> VIEW;
            default -> 0;
        };
    }
}
