package dev.pulse.analytics.query;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One instance's share of a page-stats query: each of its pages' stats merged over the query's range, as
 * {@link dev.pulse.analytics.streams.PageStatsSerde} bytes (base64 in JSON), so that the instance answering merges
 * sketches, not figures.
 */
@RegisterForReflection
public record LocalPageStats(List<Integer> partitions, List<PageSketch> pages) implements Share {

    @RegisterForReflection
    public record PageSketch(String name, byte[] stats) {
    }
}
