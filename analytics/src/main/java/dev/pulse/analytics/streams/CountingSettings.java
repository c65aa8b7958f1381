package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.Objects;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.CountingConfig;

/**
 * Everything the counting topology depends on, as plain values so that tests can build the topology
 * without CDI. Rejects settings Kafka Streams would reject later with a less helpful message.
 */
record CountingSettings(String pageEventsTopic, String pageCountsTopic, String pageStatsTopic, String deadLetterTopic,
        long minDurationMs, Duration window, Duration grace, Duration retention) {

    CountingSettings {
        Objects.requireNonNull(pageEventsTopic, "pageEventsTopic");
        Objects.requireNonNull(pageCountsTopic, "pageCountsTopic");
        Objects.requireNonNull(pageStatsTopic, "pageStatsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        if (minDurationMs < 0) {
            throw new IllegalArgumentException("analytics.min-duration must not be negative, got " + minDurationMs);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("analytics.window must be positive, got " + window);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("analytics.grace must not be negative, got " + grace);
        }
        if (retention.compareTo(window.plus(grace)) < 0) {
            throw new IllegalArgumentException("analytics.retention (" + retention
                    + ") must be at least analytics.window + analytics.grace (" + window.plus(grace) + ")");
        }
    }

    static CountingSettings of(CountingConfig counting, AnalyticsConfig.TopicNames topics) {
        return new CountingSettings(topics.pageEvents(), topics.pageCounts(), topics.pageStats(), topics.deadLetter(),
                counting.minDuration(), counting.window(), counting.grace(), counting.retention());
    }
}
