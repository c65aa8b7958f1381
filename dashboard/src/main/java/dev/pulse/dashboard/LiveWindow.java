package dev.pulse.dashboard;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code counts} event of the live stream: the latest window's views of the pages the page shows rather than of
 * every page, so that what each browser receives per tick does not grow with the number of pages.
 *
 * @param counts views in the window of its top pages (the table of the current window) and of each page the chart
 *               draws, 0 included; a page left out is one the page does not show on its own
 * @param views  views of every page in the window, those left out of {@code counts} included
 * @param pages  how many pages have views in the window
 */
@RegisterForReflection
public record LiveWindow(Instant windowStart, Instant windowEnd, Map<String, Long> counts, long views, int pages,
        boolean partial) {

    private static final Comparator<Map.Entry<String, Long>> BY_VIEWS = Map.Entry.<String, Long> comparingByValue()
            .reversed().thenComparing(Map.Entry.comparingByKey());

    /** The window's {@code top} pages by views (ties by name), and those of {@code charted}. */
    static LiveWindow of(CountsSnapshot window, List<String> charted, int top) {
        Map<String, Long> shown = new LinkedHashMap<>();
        window.counts().entrySet().stream().sorted(BY_VIEWS).limit(top)
                .forEach(page -> shown.put(page.getKey(), page.getValue()));
        charted.forEach(page -> shown.putIfAbsent(page, window.counts().getOrDefault(page, 0L)));
        long views = window.counts().values().stream().mapToLong(Long::longValue).sum();
        return new LiveWindow(window.windowStart(), window.windowEnd(), shown, views, window.counts().size(),
                window.partial());
    }
}
