package dev.pulse.analytics;

import java.util.List;

/**
 * One instance's share of a query: the windows found in its active stores, and which partitions of
 * {@code page-events} those stores are, so that the instance merging the shares can tell a complete
 * answer from one that lost or doubled a partition while tasks moved.
 */
public record LocalCounts(List<Integer> partitions, List<WindowCounts> windows) {
}
