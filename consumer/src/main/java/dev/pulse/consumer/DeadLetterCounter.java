package dev.pulse.consumer;

import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import dev.pulse.event.PageEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the records {@code PageEventDeserializer} rejects, without changing where they go.
 * <p>
 * How a poison record reaches the dead-letter topic (SmallRye Reactive Messaging Kafka 4.33): before calling
 * this handler the connector has already written the failure into the record's headers
 * ({@code deserialization-failure-reason}, {@code -cause}, {@code -data} with the raw bytes, and the
 * {@code deserialization-failure-dlq} marker). Returning {@code null} leaves the record with no payload; the
 * channel's {@code failure-strategy=dead-letter-queue} then sends it straight to the dead-letter topic instead of
 * to {@link PageEventConsumer}, with the original key, the original value bytes (its serializer writes the
 * {@code -data} header back as the value) and {@code dead-letter-*} headers naming the reason, topic,
 * partition and offset; the offset is committed once the dead-letter write is acknowledged.
 */
@ApplicationScoped
@Identifier(DeadLetterCounter.NAME)
public class DeadLetterCounter implements DeserializationFailureHandler<PageEvent> {

    /** The name {@code value-deserialization-failure-handler} refers to in application.properties. */
    public static final String NAME = "page-event-dead-letter-counter";

    private static final Logger LOG = Logger.getLogger(DeadLetterCounter.class);

    private final ConsumptionTally tally;

    DeadLetterCounter(ConsumptionTally tally) {
        this.tally = tally;
    }

    @Override
    public PageEvent handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
            Exception exception, Headers headers) {
        tally.recordDeadLettered(exception.getMessage());
        // DEBUG like every event: a flood of poison records must not flood the log; the summary reports them.
        LOG.debugf("Dead-lettering a record of %s that is not a valid page event: %s", topic, exception.getMessage());
        return null;
    }
}
