package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the page shows for a range other than the live view: the {@code range} event of a preset's stream, and the
 * answer of {@code GET /range} for a custom one.
 *
 * @param range    the preset's key ({@code 1h}, {@code today}, {@code 7d}, {@code 30d}) or {@code custom}
 * @param ranking  the top pages and the totals; its {@code from}–{@code to} is the range analytics really covered
 * @param previous the period of the same length before, for the headline's change
 * @param chart    the views per window
 */
@RegisterForReflection
public record RangeStats(String range, PageRanking ranking, PreviousPeriod previous, RangeChart chart) implements FeedEvent {
}
