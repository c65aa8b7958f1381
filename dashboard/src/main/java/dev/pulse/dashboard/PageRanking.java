package dev.pulse.dashboard;

import java.time.Instant;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Analytics' {@code GET /pages}: the top pages over {@code from}–{@code to}, and the totals of all pages. */
@RegisterForReflection
public record PageRanking(Instant from, Instant to, PageTotals totals, List<PageSummary> pages, boolean partial) {
}
