package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A chart of views per window: of all pages together, and of each of a few pages, drawn on their own (the rest is
 * the difference).
 *
 * @param resolution the windows' length as analytics chose it, ISO-8601 ({@code PT5S}, {@code PT1M}, {@code PT1H},
 *                   {@code P1D})
 * @param pages      the pages drawn on their own, ranked; a window holds each of them that had views there
 */
@RegisterForReflection
public record RangeChart(Instant from, Instant to, String resolution, List<String> pages, List<ChartWindow> windows,
        boolean partial) {

    /**
     * Only the pages {@code shown} keep their own counts: a month's windows of every page could be megabytes, sent
     * again to each browser on every refresh.
     */
    static RangeChart of(CountsHistory history, List<String> shown) {
        Set<String> names = Set.copyOf(shown);
        List<ChartWindow> windows = history.windows().stream()
                .map(window -> new ChartWindow(window.windowStart(), window.windowEnd(), sum(window.counts().values()),
                        window.counts().entrySet().stream().filter(page -> names.contains(page.getKey()))
                                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .toList();
        return new RangeChart(history.from(), history.to(), history.resolution(), shown, windows, history.partial());
    }

    /** The {@code top} pages by views over all the windows of {@code history}, ties by name. */
    static List<String> topPages(CountsHistory history, int top) {
        Map<String, Long> views = new HashMap<>();
        history.windows().forEach(window -> window.counts().forEach((page, count) -> views.merge(page, count, Long::sum)));
        return views.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top).map(Map.Entry::getKey).toList();
    }

    private static long sum(Collection<Long> counts) {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** One window: its views of all pages, and those of each page drawn on its own that had any. */
    @RegisterForReflection
    public record ChartWindow(Instant windowStart, Instant windowEnd, long views, Map<String, Long> pages) {
    }
}
