package dev.pulse.analytics;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** The analytics service's own settings ({@code pulse.analytics.*}); defaults live in application.properties. */
@ConfigMapping(prefix = "pulse.analytics")
public interface AnalyticsConfig {

    TopicNames topic();

    /**
     * The host other instances reach this one at. Read by application.properties, which makes it, with the
     * HTTP port, this instance's {@code quarkus.kafka-streams.application-server}; declared here so that it is
     * a known setting.
     */
    String advertisedHost();

    /** How long an all-pages query waits for another instance before answering without it ({@code "partial": true}). */
    Duration peerTimeout();

    /** How long readiness waits for the broker to list its topics before it says Kafka does not answer. */
    Duration readinessTimeout();

    /** How far back {@code GET /counts} looks for the latest window holding counts. */
    Duration latestLookback();

    /**
     * The most windows a history answer holds when it picks its resolution itself: the finest resolution whose windows
     * over the range number at most this many.
     */
    int maxPoints();

    /** When a failed stream thread is replaced rather than Kafka Streams shut down (see {@code streams.StreamThreadRecovery}). */
    StreamThreads streamThreads();

    interface TopicNames {
        String pageEvents();

        String pageCounts();

        String pageStats();

        String deadLetter();
    }

    interface StreamThreads {
        /** At most this many replacements within {@link #replacementPeriod()}; one more shuts Kafka Streams down. */
        int replacementLimit();

        Duration replacementPeriod();

        /** How often a stream thread that found {@code page-events} missing looks for it again. */
        Duration missingTopicPoll();
    }
}
