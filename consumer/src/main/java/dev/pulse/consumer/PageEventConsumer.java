package dev.pulse.consumer;

import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.Violation;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code page-events}. Records the deserializer rejects never get here: the connector routes them to the
 * dead-letter topic (see {@link DeadLetterCounter}). Acknowledging a record lets the connector commit its offset,
 * so a restarted consumer resumes after the last record this one processed.
 */
@ApplicationScoped
public class PageEventConsumer {

    private static final Logger LOG = Logger.getLogger(PageEventConsumer.class);

    private final ConsumptionTally tally;

    PageEventConsumer(ConsumptionTally tally) {
        this.tally = tally;
    }

    @Incoming("page-events")
    public CompletionStage<Void> consume(Message<PageEvent> message) {
        PageEvent event = message.getPayload();
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        if (event == null) {
            return reject(message, record);
        }
        boolean counted = tally.recordConsumed(event, record.getPartition(), record.getOffset());
        // Guarded: at thousands of events per second even building the varargs array would cost.
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s from %s-%d at offset %d (key %s)", counted ? "Consumed" : "Delivered again, not counted:",
                    event, record.getTopic(), record.getPartition(), record.getOffset(), record.getKey());
        }
        return message.ack();
    }

    /**
     * The Kafka client does not pass a record without value (a tombstone) to the deserializer, so it arrives here
     * with a null payload. It is no more an event than unreadable bytes are: the nack sends it to the dead-letter
     * topic (failure-strategy), in the deserializer's words.
     */
    private CompletionStage<Void> reject(Message<PageEvent> message, IncomingKafkaRecordMetadata<?, ?> record) {
        InvalidPageEventException invalid = new InvalidPageEventException(new Violation(-1, null, "record has no value"));
        SerializationException reason = new SerializationException("Not a valid page event: " + invalid.getMessage(), invalid);
        tally.recordDeadLettered(reason.getMessage());
        LOG.debugf("Dead-lettering the record of %s-%d at offset %d: %s", record.getTopic(), record.getPartition(),
                record.getOffset(), reason.getMessage());
        return message.nack(reason);
    }
}
