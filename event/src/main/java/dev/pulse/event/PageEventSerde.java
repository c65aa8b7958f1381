package dev.pulse.event;

import org.apache.kafka.common.serialization.Serdes;

/** {@link PageEventSerializer} and {@link PageEventDeserializer} as one Kafka Streams serde. */
public class PageEventSerde extends Serdes.WrapperSerde<PageEvent> {

    public PageEventSerde() {
        super(new PageEventSerializer(), new PageEventDeserializer());
    }
}
