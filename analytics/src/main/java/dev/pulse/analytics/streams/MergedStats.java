package dev.pulse.analytics.streams;

import java.time.Instant;

/**
 * The value of a rollup window: its page's windows of the next finer resolution that ended by {@code mergedUntil},
 * merged. Finer windows are merged in the order they end, once whole, so those of the page ending later, up to the
 * rollup window's end, are the ones still to come: see {@code query.PartitionWindows}, which adds them when it reads.
 */
public record MergedStats(PageStats stats, Instant mergedUntil) {
}
