package dev.pulse.analytics.streams;

import org.apache.datasketches.kll.KllDoublesSketch;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Time on page in milliseconds: median and 95th percentile (from a KLL sketch, within its rank error) and the
 * exact mean. All null when no time on page was recorded.
 */
@RegisterForReflection
public record TimeOnPage(Long p50, Long p95, Double mean) {

    public static final TimeOnPage NONE = new TimeOnPage(null, null, null);

    static TimeOnPage of(KllDoublesSketch times, long totalMs) {
        if (times.isEmpty()) {
            return NONE;
        }
        // Quantiles are retained items, so whole milliseconds as recorded.
        return new TimeOnPage(Math.round(times.getQuantile(0.5)), Math.round(times.getQuantile(0.95)),
                (double) totalMs / times.getN());
    }
}
