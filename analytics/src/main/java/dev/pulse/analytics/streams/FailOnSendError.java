package dev.pulse.analytics.streams;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A record the producer could not send, whatever the reason, fails the stream thread. Kafka Streams' default treats a
 * retriable failure (a broker away for longer than {@code max.block.ms}) as one corrupted task and carries on with the
 * thread's other tasks, which is not safe under exactly-once: the tasks of a thread share one transaction and one
 * pending send error, and that error names only the task whose send failed first. When another task meets it while
 * flushing its record cache, the cache has already marked its windows as written; Kafka Streams then revives only the
 * named task and lets the other one go on with state whose changelog writes were aborted, so those counts are missing
 * at the next restore. A failed thread instead closes all its tasks dirty, which under exactly-once discards their
 * local state; {@link StreamThreadRecovery} replaces it, and its successor restores the state from the changelogs and
 * processes again from the last commit.
 * <p>
 * Kafka Streams creates it from its class name ({@code kafka-streams.production.exception.handler}).
 */
@RegisterForReflection
public class FailOnSendError implements ProductionExceptionHandler {

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
