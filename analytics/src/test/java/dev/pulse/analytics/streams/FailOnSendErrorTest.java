package dev.pulse.analytics.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailOnSendErrorTest {

    private static final ProducerRecord<byte[], byte[]> RECORD = new ProducerRecord<>("page-counts", new byte[0]);

    /** Where Kafka Streams' default would revive one task of the thread (RETRY), the thread fails. */
    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void aSendThatFailsFailsTheThread(boolean retriable) {
        Exception failure = retriable
                ? new TimeoutException("Topic page-counts not present in metadata after 2000 ms.")
                : new RecordTooLargeException("too large");
        ProductionExceptionHandler defaults = new DefaultProductionExceptionHandler();

        assertEquals(retriable ? ProductionExceptionHandlerResponse.RETRY : ProductionExceptionHandlerResponse.FAIL,
                defaults.handle(null, RECORD, failure));
        assertEquals(ProductionExceptionHandlerResponse.FAIL, new FailOnSendError().handle(null, RECORD, failure));
    }
}
