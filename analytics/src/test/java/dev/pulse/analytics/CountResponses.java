package dev.pulse.analytics;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import io.restassured.path.json.JsonPath;

/** Test helpers: page-events records, and count responses reduced to the pages a test produced. */
public final class CountResponses {

    public static final Duration WINDOW = Duration.ofSeconds(5);

    private CountResponses() {
    }

    /** The start of the window holding {@code time}. */
    public static Instant windowOf(Instant time) {
        long millis = time.toEpochMilli();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, WINDOW.toMillis()));
    }

    public static ProducerRecord<String, String> view(String key, String page, Instant date, long duration) {
        return view(key, page, "user-1", date, duration);
    }

    public static ProducerRecord<String, String> view(String key, String page, String user, Instant date, long duration) {
        String value = new String(PageEventJson.toBytes(new PageEvent(page, user, date, duration)), UTF_8);
        return new ProducerRecord<>("page-events", key, value);
    }

    /** {@code windowStart -> page -> count} of a history response, for {@code pages} only; windows without them left out. */
    public static Map<Instant, Map<String, Long>> countsByWindow(JsonPath history, Collection<String> pages) {
        Map<Instant, Map<String, Long>> windows = new TreeMap<>();
        for (Map<String, Object> window : history.<Map<String, Object>> getList("windows")) {
            Map<String, Long> counts = countsOf(window, pages);
            if (!counts.isEmpty()) {
                windows.put(Instant.parse((String) window.get("windowStart")), counts);
            }
        }
        return windows;
    }

    /** The {@code counts} of a window or latest-window response, for {@code pages} only. */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> countsOf(Map<String, Object> window, Collection<String> pages) {
        Map<String, Long> counts = new TreeMap<>();
        ((Map<String, Number>) window.get("counts")).forEach((page, count) -> {
            if (pages.contains(page)) {
                counts.put(page, count.longValue());
            }
        });
        return counts;
    }
}
