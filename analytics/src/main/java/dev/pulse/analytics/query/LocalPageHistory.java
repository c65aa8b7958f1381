package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The owner's share of a one-page history query: the page's stats per window, as
 * {@link dev.pulse.analytics.streams.PageStatsSerde} bytes.
 */
@RegisterForReflection
public record LocalPageHistory(List<Integer> partitions, List<WindowSketch> windows) implements Share {

    @RegisterForReflection
    public record WindowSketch(Instant windowStart, byte[] stats) {
    }
}
