package dev.pulse.analytics.query;

/** Views of all pages, and their distinct visitors (each counted once across pages). */
public record PageTotals(long views, long visitors) {
}
