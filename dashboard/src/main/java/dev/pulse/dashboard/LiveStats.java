package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one tick's poll of analytics brought: the latest window's counts and the page stats. */
// The stream writes its two parts (each registered); registered all the same, as every FeedEvent variant is
// (FeedEventTest), so that writing a whole event can never fail only in a native image.
@RegisterForReflection
public record LiveStats(CountsSnapshot counts, PageStatsSnapshot pages) implements FeedEvent {
}
