package dev.pulse.dashboard;

/** What the shared feed tells every browser on each tick: fresh counts and page stats, or why there are none. */
public sealed interface FeedEvent permits LiveStats, AnalyticsStatus {
}
