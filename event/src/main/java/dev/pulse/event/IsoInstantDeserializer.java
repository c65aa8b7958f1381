package dev.pulse.event;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Reads an instant written in the canonical ISO-8601 form, {@code 2026-11-24T10:15:30.123Z} (what every Pulse
 * service and most clients write), without java.time's formatter, which weighs on analytics' CPU while it catches
 * up with a backlog (see README, Performance). Any other spelling (offsets, lower case, leap seconds, blanks,
 * impossible dates) goes to Jackson's own deserializer, so what is accepted, and how a refusal reads, stay
 * exactly Jackson's. Numbers too, unless text is required: Jackson reads them as epoch seconds, which Kafka
 * records from other clients may hold, but which a REST client cannot have meant unambiguously.
 */
final class IsoInstantDeserializer extends StdDeserializer<Instant> implements ContextualDeserializer {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] NANOS_SCALE = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1 };

    private final JsonDeserializer<? extends Instant> fallback;
    private final boolean textRequired;

    IsoInstantDeserializer(JsonDeserializer<? extends Instant> fallback, boolean textRequired) {
        super(Instant.class);
        this.fallback = fallback;
        this.textRequired = textRequired;
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parseCanonical(parser.getText());
            if (instant != null) {
                return instant;
            }
        } else if (textRequired && parser.currentToken().isNumeric()) {
            throw InvalidFormatException.from(parser, "an instant must be ISO-8601 text, not a number",
                    parser.getText(), Instant.class);
        }
        return fallback.deserialize(parser, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        if (fallback instanceof ContextualDeserializer contextual) {
            return new IsoInstantDeserializer(
                    (JsonDeserializer<? extends Instant>) contextual.createContextual(context, property), textRequired);
        }
        return this;
    }

    /** The instant {@code text} spells as {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (1 to 9 fraction digits), else null. */
    static Instant parseCanonical(String text) {
        int length = text.length();
        int fractionDigits = length - 21;
        if (length < 20 || fractionDigits > 9 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && (fractionDigits < 1 || text.charAt(19) != '.'))) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException impossibleDate) {
            return null;
        }
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
        return Instant.ofEpochSecond(epochSecond, fractionDigits > 0 ? (long) fraction * NANOS_SCALE[fractionDigits] : 0);
    }

    /** The value of the {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
