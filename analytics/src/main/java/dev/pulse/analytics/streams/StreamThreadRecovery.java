package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import dev.pulse.analytics.AnalyticsConfig;
import io.quarkus.runtime.ShutdownEvent;

/**
 * What happens when a stream thread dies. Kafka Streams' default shuts the whole client down for good, and a
 * broker away for longer than the producers' {@code max.block.ms} (60 s) is enough to kill a thread: its
 * transaction is aborted and the commit throws. So a failed thread is replaced instead. Exactly-once holds
 * either way: what the thread had not committed is aborted and processed again by its successor.
 * <p>
 * A fault that kills every successor at once (a bug, a broken state directory) would turn this into a loop;
 * past {@code replacement-limit} replacements within {@code replacement-period} the client is shut down
 * instead, which readiness and liveness then report.
 * <p>
 * A source topic that does not exist yet is not such a fault: analytics may start before its topics are created,
 * and then it waits for them. Kafka Streams starts at once (Quarkus' own check of the topics would pause every
 * start-up by a second, topics there or not); a rebalance that finds {@code page-events} missing kills the stream
 * threads, and each, before it is replaced, waits here until the topic exists. Those replacements do not count
 * against the limit.
 */
@ApplicationScoped
class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadRecovery.class);

    private final int limit;
    private final long periodNanos;
    private final String sourceTopic;
    private final SourceTopicCheck sourceTopicExists;
    private final Duration topicPollInterval;
    private final LongSupplier nanoClock;
    private final Deque<Long> replacements = new ArrayDeque<>();
    private volatile boolean shuttingDown;

    /** Whether the source topic exists; false also when the broker does not answer in time. */
    @FunctionalInterface
    interface SourceTopicCheck {
        boolean exists() throws InterruptedException;
    }

    @Inject
    StreamThreadRecovery(AnalyticsConfig config, TopicLookup topics) {
        this(config.streamThreads().replacementLimit(), config.streamThreads().replacementPeriod(),
                config.topic().pageEvents(),
                () -> topics.names(config.streamThreads().missingTopicPoll())
                        .map(names -> names.contains(config.topic().pageEvents())).orElse(false),
                config.streamThreads().missingTopicPoll(), System::nanoTime);
    }

    StreamThreadRecovery(int limit, Duration period, String sourceTopic, SourceTopicCheck sourceTopicExists,
            Duration topicPollInterval, LongSupplier nanoClock) {
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.sourceTopic = sourceTopic;
        this.sourceTopicExists = sourceTopicExists;
        this.topicPollInterval = topicPollInterval;
        this.nanoClock = nanoClock;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (exception instanceof MissingSourceTopicException) {
            awaitSourceTopic();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        return replaceWithinLimit(exception);
    }

    /** Before Kafka Streams is closed: a thread waiting for its topic then gives up, or closing would wait for it. */
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown) {
        shuttingDown = true;
    }

    private void awaitSourceTopic() {
        LOG.warnf("Topic %s does not exist: this stream thread starts again once it is created", sourceTopic);
        try {
            while (!shuttingDown && !sourceTopicExists.exists()) {
                Thread.sleep(topicPollInterval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized StreamThreadExceptionResponse replaceWithinLimit(Throwable exception) {
        long now = nanoClock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= periodNanos) {
            replacements.removeFirst();
        }
        if (exception instanceof Error || replacements.size() >= limit) {
            LOG.errorf(exception, "A stream thread failed (%d replaced within %s): shutting Kafka Streams down",
                    replacements.size(), Duration.ofNanos(periodNanos));
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        LOG.warnf(exception, "A stream thread failed: replacing it; its uncommitted work is processed again");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
