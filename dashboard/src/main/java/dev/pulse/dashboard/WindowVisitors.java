package dev.pulse.dashboard;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The latest window's visitors, for the chart of visitors: of all pages together, and of each page the chart draws.
 *
 * @param visitors each visitor of the window counted once, whatever pages they viewed
 * @param pages    visitors of each page the chart draws, 0 included; a page is left out when analytics' ranking of
 *                 the window stopped before it (it ranks at most {@link CountsFeed#MAX_PAGES}), so that the chart
 *                 shows a gap rather than a zero it does not know
 */
@RegisterForReflection
public record WindowVisitors(Instant from, Instant to, long visitors, Map<String, Long> pages, boolean partial) {

    /** @param ranked how many pages the ranking {@code window} was asked for */
    static WindowVisitors of(PageRanking window, List<String> charted, int ranked) {
        Map<String, Long> byPage = window.pages().stream()
                .collect(Collectors.toMap(PageSummary::name, PageSummary::visitors));
        boolean everyPage = window.pages().size() < ranked;
        Map<String, Long> shown = new LinkedHashMap<>();
        for (String page : charted) {
            Long visitors = byPage.getOrDefault(page, everyPage ? 0L : null);
            if (visitors != null) {
                shown.put(page, visitors);
            }
        }
        return new WindowVisitors(window.from(), window.to(), window.totals().visitors(), shown, window.partial());
    }
}
