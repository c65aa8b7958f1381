package dev.pulse.analytics.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** A failed stream thread is replaced, within a budget; past it, or on a JVM error, Kafka Streams shuts down. */
class StreamThreadRecoveryTest {

    private static final StreamsException COMMIT_FAILED = new StreamsException("Error encountered trying to commit a transaction",
            new TimeoutException("Topic pulse-analytics-page-stats-changelog not present in metadata after 60000 ms."));

    private final AtomicLong now = new AtomicLong();
    private final StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(5), now::get);

    @Test
    void aThreadKilledByABrokerOutageIsReplaced() {
        assertEquals(REPLACE_THREAD, recovery.handle(COMMIT_FAILED));
    }

    @Test
    void failuresBeyondTheLimitWithinThePeriodShutTheClientDown() {
        for (int i = 0; i < 3; i++) {
            assertEquals(REPLACE_THREAD, recovery.handle(COMMIT_FAILED), "replacement " + (i + 1));
            now.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        assertEquals(SHUTDOWN_CLIENT, recovery.handle(COMMIT_FAILED));
    }

    @Test
    void replacementsOlderThanThePeriodNoLongerCount() {
        for (int i = 0; i < 3; i++) {
            assertEquals(REPLACE_THREAD, recovery.handle(COMMIT_FAILED));
        }
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertEquals(REPLACE_THREAD, recovery.handle(COMMIT_FAILED), "the first three are five minutes old");
    }

    @Test
    void aJvmErrorShutsTheClientDownAtOnce() {
        assertEquals(SHUTDOWN_CLIENT, recovery.handle(new OutOfMemoryError("Java heap space")));
    }
}
