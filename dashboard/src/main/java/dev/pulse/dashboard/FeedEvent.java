package dev.pulse.dashboard;

/**
 * What the shared feed tells every browser on each tick: fresh counts and page stats, a preset range's stats, or why there are none.
 * Jackson writes each event by its runtime class, which Quarkus cannot tell from this type: every variant carries
 * {@code @RegisterForReflection} so that it serializes in a native image.
 */
public sealed interface FeedEvent permits LiveStats, RangeStats, AnalyticsStatus {
}
