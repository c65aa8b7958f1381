package dev.pulse.analytics.streams;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.jboss.logging.Logger;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventDeserializer;

/**
 * Reads each {@code page-events} value with the shared rules. A valid event goes on with the record
 * timestamp set to its {@code date}, so that windows follow event time even when the record carries only
 * the time it was produced (kcat, for one, sets none); an event without a date keeps the record's timestamp.
 * Anything else goes on unchanged, with headers saying why, towards the dead-letter topic. Decoding here,
 * rather than in a deserializer, keeps the dead-letter write inside the task's exactly-once transaction.
 */
public final class DecodeProcessor implements FixedKeyProcessor<byte[], byte[], DecodedEvent> {

    /** Header names as SmallRye Reactive Messaging's dead-letter queue writes them, so both DLQ writers agree. */
    public static final String REASON_HEADER = "dead-letter-reason";
    static final String EXCEPTION_HEADER = "dead-letter-exception-class-name";
    static final String TOPIC_HEADER = "dead-letter-topic";
    static final String PARTITION_HEADER = "dead-letter-partition";
    static final String OFFSET_HEADER = "dead-letter-offset";
    /** Which application rejected the record: the consumer service dead-letters the same poison records. */
    public static final String APPLICATION_HEADER = "dead-letter-application-id";

    private static final Logger LOG = Logger.getLogger(DecodeProcessor.class);

    private final PageEventDeserializer deserializer = new PageEventDeserializer();
    private FixedKeyProcessorContext<byte[], DecodedEvent> context;

    @Override
    public void init(FixedKeyProcessorContext<byte[], DecodedEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        PageEvent event;
        try {
            event = deserializer.read(record.value());
        } catch (InvalidPageEventException e) {
            context.forward(record.withValue(new DecodedEvent.Invalid(record.value()))
                    .withHeaders(deadLetterHeaders(record, e)));
            return;
        }
        long timestamp = event.date() != null ? event.date().toEpochMilli() : record.timestamp();
        context.forward(record.withValue(new DecodedEvent.Valid(event)).withTimestamp(timestamp));
    }

    private Headers deadLetterHeaders(FixedKeyRecord<byte[], byte[]> record, InvalidPageEventException error) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, PageCountTopology.utf8(error.getMessage()));
        headers.add(EXCEPTION_HEADER, PageCountTopology.utf8(error.getClass().getName()));
        headers.add(APPLICATION_HEADER, PageCountTopology.utf8(context.applicationId()));
        context.recordMetadata().ifPresent(source -> {
            headers.add(TOPIC_HEADER, PageCountTopology.utf8(source.topic()));
            headers.add(PARTITION_HEADER, PageCountTopology.utf8(Integer.toString(source.partition())));
            headers.add(OFFSET_HEADER, PageCountTopology.utf8(Long.toString(source.offset())));
        });
        LOG.warnf("Dead-lettering the record at %s: %s", context.recordMetadata()
                .map(source -> source.topic() + "-" + source.partition() + "@" + source.offset()).orElse("?"),
                error.getMessage());
        return headers;
    }
}
