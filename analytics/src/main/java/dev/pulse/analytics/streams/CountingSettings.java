package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.quarkus.runtime.configuration.DurationConverter;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.CountingConfig;

/**
 * Everything the counting topology depends on, as plain values so that tests can build the topology
 * without CDI. Rejects settings Kafka Streams would reject later with a less helpful message.
 *
 * @param window    the finest windows', whose updates go to {@code page-counts} and {@code page-stats}
 * @param retention how long the finest windows are kept
 * @param rollups   the coarser resolutions, as {@code analytics.rollups} gives them: {@code window/retention}
 */
public record CountingSettings(String pageEventsTopic, String pageCountsTopic, String pageStatsTopic,
        String deadLetterTopic, long minDurationMs, Duration window, Duration grace, Duration retention,
        List<String> rollups) {

    public CountingSettings {
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
        rollups = List.copyOf(rollups);
        resolutions(window, retention, grace, rollups);
    }

    /**
     * The finest resolution first, then the rollups from finer to coarser. Each window size is a multiple of the finer
     * ones, so that coarser windows are made of whole finer ones, and each is kept at least as long as the finer ones.
     *
     * @throws IllegalArgumentException naming the {@code analytics.rollups} entry that breaks a rule
     */
    public List<Resolution> resolutions() {
        return resolutions(window, retention, grace, rollups);
    }

    private static List<Resolution> resolutions(Duration window, Duration retention, Duration grace,
            List<String> rollups) {
        List<Resolution> resolutions = new ArrayList<>();
        resolutions.add(new Resolution(window, retention, PageCountTopology.STATS_STORE));
        for (String rollup : rollups) {
            String[] parts = rollup.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("analytics.rollups: \"" + rollup + "\" is not window/retention, e.g. 1h/90d");
            }
            Duration size = parse(rollup, parts[0]);
            Resolution finer = resolutions.get(resolutions.size() - 1);
            Resolution resolution = new Resolution(size, parse(rollup, parts[1]),
                    PageCountTopology.ROLLUP_STORE_PREFIX + Resolution.name(size));
            if (size.compareTo(finer.window()) <= 0 || size.toMillis() % finer.window().toMillis() != 0) {
                throw new IllegalArgumentException("analytics.rollups: the window of \"" + rollup + "\" must be a multiple of "
                        + finer.name() + ", the next finer one, and longer");
            }
            if (resolution.retention().compareTo(finer.retention()) < 0
                    || resolution.retention().compareTo(size.plus(grace)) < 0) {
                throw new IllegalArgumentException("analytics.rollups: \"" + rollup + "\" must be kept at least as long as "
                        + finer.name() + " (" + finer.retention() + ") and at least its window + analytics.grace");
            }
            resolutions.add(resolution);
        }
        return List.copyOf(resolutions);
    }

    private static Duration parse(String rollup, String duration) {
        try {
            return DurationConverter.parseDuration(duration.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("analytics.rollups: \"" + duration + "\" in \"" + rollup
                    + "\" is not a duration (e.g. 1m, 48h, 90d)", e);
        }
    }

    public static CountingSettings of(CountingConfig counting, AnalyticsConfig.TopicNames topics) {
        return new CountingSettings(topics.pageEvents(), topics.pageCounts(), topics.pageStats(), topics.deadLetter(),
                counting.minDuration(), counting.window(), counting.grace(), counting.retention(), counting.rollups().orElse(List.of()));
    }
}
