package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Time on page in milliseconds: median, 95th percentile and mean; null when none was recorded. */
@RegisterForReflection
public record TimeOnPage(Long p50, Long p95, Double mean) {
}
