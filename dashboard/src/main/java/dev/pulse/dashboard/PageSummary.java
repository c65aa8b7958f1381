package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page's views, distinct visitors and time on page over a ranking's range. */
@RegisterForReflection
public record PageSummary(String name, long views, long visitors, TimeOnPage duration) {
}
