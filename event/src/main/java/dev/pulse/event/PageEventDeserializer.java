package dev.pulse.event;

import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link PageEvent}. A record that is not a valid event (no value, not JSON,
 * wrong shape, or breaking {@link PageEventRules}) fails here, so that it takes the dead-letter path
 * instead of reaching application code half-valid.
 */
public class PageEventDeserializer implements Deserializer<PageEvent> {

    private final PageEventRules rules = PageEventRules.systemClock();

    @Override
    public PageEvent deserialize(String topic, byte[] data) {
        try {
            return read(data);
        } catch (InvalidPageEventException e) {
            throw new SerializationException("Not a valid page event: " + e.getMessage(), e);
        }
    }

    /** The event in {@code data}, or every reason it is not a valid one. */
    public PageEvent read(byte[] data) throws InvalidPageEventException {
        PageEvent event = PageEventJson.fromKafka(data);
        List<Violation> violations = rules.check(event, -1);
        if (!violations.isEmpty()) {
            throw new InvalidPageEventException(violations);
        }
        return event;
    }
}
