package dev.pulse.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The chart of a range: the views of all pages per window, and of each page the table shows.
 *
 * @param resolution the windows' length as analytics chose it, ISO-8601 ({@code PT5S}, {@code PT1M}, {@code PT1H},
 *                   {@code P1D})
 */
@RegisterForReflection
public record RangeChart(Instant from, Instant to, String resolution, List<ChartWindow> windows, boolean partial) {

    /**
     * Only the pages of the table keep their own counts: a month's windows of every page could be megabytes, sent
     * again to each browser on every refresh.
     */
    static RangeChart of(CountsHistory history, List<PageSummary> shown) {
        Set<String> names = shown.stream().map(PageSummary::name).collect(Collectors.toSet());
        List<ChartWindow> windows = history.windows().stream()
                .map(window -> new ChartWindow(window.windowStart(), window.windowEnd(),
                        window.counts().values().stream().mapToLong(Long::longValue).sum(),
                        window.counts().entrySet().stream().filter(page -> names.contains(page.getKey()))
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .toList();
        return new RangeChart(history.from(), history.to(), history.resolution(), windows, history.partial());
    }

    /** One window: its views of all pages, and those of each page of the table that had any. */
    @RegisterForReflection
    public record ChartWindow(Instant windowStart, Instant windowEnd, long views, Map<String, Long> pages) {
    }
}
