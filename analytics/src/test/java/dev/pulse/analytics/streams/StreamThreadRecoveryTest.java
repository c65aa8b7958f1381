package dev.pulse.analytics.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * A failed stream thread is replaced, within a budget; past it, or on a JVM error, Kafka Streams shuts down. A
 * missing source topic is waited for, outside the budget.
 */
class StreamThreadRecoveryTest {

    private static final StreamsException COMMIT_FAILED = new StreamsException("Error encountered trying to commit a transaction",
            new TimeoutException("Topic pulse-analytics-page-stats-changelog not present in metadata after 60000 ms."));

    private static final MissingSourceTopicException NO_SOURCE_TOPIC = new MissingSourceTopicException(
            "One or more source topics were missing during rebalance");

    private final AtomicLong now = new AtomicLong();
    private final AtomicReference<StreamThreadRecovery> recoveryUnderTest = new AtomicReference<>();
    /** The topic is there from the fourth look on. */
    private final AtomicInteger topicChecks = new AtomicInteger();
    private final StreamThreadRecovery recovery = new StreamThreadRecovery(3, Duration.ofMinutes(5), "page-events",
            () -> topicChecks.incrementAndGet() > 3, Duration.ofMillis(1), now::get);

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
    void aThreadThatFoundItsSourceTopicMissingIsReplacedOnceTheTopicExists() {
        assertEquals(REPLACE_THREAD, recovery.handle(NO_SOURCE_TOPIC));
        assertEquals(4, topicChecks.get(), "looked for the topic until it was there");
    }

    @Test
    void waitingForTheTopicDoesNotUseUpTheReplacements() {
        for (int i = 0; i < 10; i++) {
            topicChecks.set(3);
            assertEquals(REPLACE_THREAD, recovery.handle(NO_SOURCE_TOPIC), "wait " + (i + 1));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(REPLACE_THREAD, recovery.handle(COMMIT_FAILED), "replacement " + (i + 1));
        }
        assertEquals(SHUTDOWN_CLIENT, recovery.handle(COMMIT_FAILED), "the limit counts real failures only");
    }

    @Test
    void aShutdownEndsTheWait() {
        StreamThreadRecovery neverCreated = new StreamThreadRecovery(3, Duration.ofMinutes(5), "page-events",
                () -> {
                    if (topicChecks.incrementAndGet() == 5) {
                        recoveryUnderTest.get().onShutdown(null);
                    }
                    return false;
                }, Duration.ofMillis(1), now::get);
        recoveryUnderTest.set(neverCreated);
        assertEquals(REPLACE_THREAD, neverCreated.handle(NO_SOURCE_TOPIC), "Kafka Streams replaces no thread while closing");
        assertEquals(5, topicChecks.get());
    }

    @Test
    void aJvmErrorShutsTheClientDownAtOnce() {
        assertEquals(SHUTDOWN_CLIENT, recovery.handle(new OutOfMemoryError("Java heap space")));
    }
}
