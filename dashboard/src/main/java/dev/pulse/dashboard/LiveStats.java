package dev.pulse.dashboard;

/** What one tick's poll of analytics brought: the latest window's counts and the page stats. */
public record LiveStats(CountsSnapshot counts, PageStatsSnapshot pages) implements FeedEvent {
}
