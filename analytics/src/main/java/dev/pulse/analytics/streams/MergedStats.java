package dev.pulse.analytics.streams;

import java.time.Instant;

/**
 * The value of a rollup window: the finest windows of its page that have closed and ended by {@code mergedUntil},
 * merged. The finest windows close in the order they end, so those of the page ending later, up to the rollup
 * window's end, are the ones still to come: see {@code query.PartitionWindows}, which adds them when it reads.
 */
public record MergedStats(PageStats stats, Instant mergedUntil) {
}
