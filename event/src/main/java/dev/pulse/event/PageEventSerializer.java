package dev.pulse.event;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link PageEvent}, the JSON of {@link PageEventJson}. */
public class PageEventSerializer implements Serializer<PageEvent> {

    @Override
    public byte[] serialize(String topic, PageEvent event) {
        return event == null ? null : PageEventJson.toBytes(event);
    }
}
