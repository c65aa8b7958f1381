package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Views of all pages, and their distinct visitors (each counted once across pages). */
@RegisterForReflection
public record PageTotals(long views, long visitors) {
}
