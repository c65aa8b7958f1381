package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import dev.pulse.analytics.AnalyticsConfig;

/**
 * What happens when a stream thread dies. Kafka Streams' default shuts the whole client down for good, and a
 * broker away for longer than the producers' {@code max.block.ms} (60 s) is enough to kill a thread: its
 * transaction is aborted and the commit throws. So a failed thread is replaced instead. Exactly-once holds
 * either way: what the thread had not committed is aborted and processed again by its successor.
 * <p>
 * A fault that kills every successor at once (a bug, a broken state directory) would turn this into a loop;
 * past {@code replacement-limit} replacements within {@code replacement-period} the client is shut down
 * instead, which readiness and liveness then report.
 */
@ApplicationScoped
class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadRecovery.class);

    private final int limit;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> replacements = new ArrayDeque<>();

    @Inject
    StreamThreadRecovery(AnalyticsConfig config) {
        this(config.streamThreads().replacementLimit(), config.streamThreads().replacementPeriod(), System::nanoTime);
    }

    StreamThreadRecovery(int limit, Duration period, LongSupplier nanoClock) {
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
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
