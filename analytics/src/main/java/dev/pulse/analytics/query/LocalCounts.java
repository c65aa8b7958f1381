package dev.pulse.analytics.query;

import java.util.List;

/** One instance's share of a count query: the views per window and page found in its active stores. */
public record LocalCounts(List<Integer> partitions, List<CountsWindow> windows) implements Share {
}
