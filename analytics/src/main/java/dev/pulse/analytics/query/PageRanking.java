package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /pages}: the top pages over {@code from}–{@code to} and the totals over all pages, not only the
 * top ones; {@code totals.visitors} counts each visitor once however many pages they viewed.
 *
 * @param partial true when an instance did not answer: the pages shown are exact, the pages held there missing
 */
public record PageRanking(Instant from, Instant to, PageTotals totals, List<PageSummary> pages, boolean partial) {
}
