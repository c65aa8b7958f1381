package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The page in a real browser with 1,000 pages viewed, in every view of the range picker: the chart draws the top
 * pages and the others as one line, each page in a colour of its own that it keeps while on screen, and no script
 * fails.
 */
@QuarkusIntegrationTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(OpenAccess.class)
class ManyPagesIT extends BrowserOnFakeAnalytics {

    /** {@code pulse.dashboard.top-pages}, left at its default. */
    private static final int TOP = 10;
    /** Page i has i views. */
    private static final Map<String, Long> THOUSAND = new HashMap<>();
    /** The ten with the most views, ranked. */
    private static final List<String> TOP_PAGES = IntStream.iterate(1000, i -> i > 990, i -> i - 1).mapToObj(ManyPagesIT::name)
            .toList();
    /** The views of the pages other than the top ten, in a window of the fake analytics. */
    private static final long OTHER_VIEWS = 1000 * 1001 / 2 - IntStream.rangeClosed(991, 1000).sum();

    static {
        IntStream.rangeClosed(1, 1000).forEach(i -> THOUSAND.put(name(i), (long) i));
    }

    @BeforeEach
    void analyticsAnswers() {
        analytics.answerPast(null, null, 0);
        analytics.answerCounts(THOUSAND);
    }

    @Test
    void everyViewDrawsTheTopPagesAndOtherWithoutAScriptError() {
        browser.driver().get(page.toString());
        assertChart("live");
        Map<String, String> currentWindow = browser.rows("#counts");
        assertEquals(TOP + 1, currentWindow.size(), "the current window's top pages, and one row for the others");
        assertEquals(String.valueOf(OTHER_VIEWS), currentWindow.get("990 other pages"));

        for (String range : List.of("1h", "today", "7d", "30d")) {
            browser.driver().findElement(By.cssSelector("#range-picker button[data-range='" + range + "']")).click();
            assertChart(range);
        }
        browser.driver().get(page + "?from=2026-12-01T00:00:00Z&to=2026-12-01T23:59:59Z");
        assertChart("custom");
    }

    @Test
    void aPageKeepsItsColourWhileOnScreenAndANewcomerTakesAFreeOne() {
        browser.driver().get(page.toString());
        Map<String, String> before = assertChart("live");

        // A page with more views than any: it enters the top pages, and the tenth leaves them.
        Map<String, Long> withNewcomer = new HashMap<>(THOUSAND);
        withNewcomer.put("newcomer", 1_000_000L);
        analytics.answerCounts(withNewcomer);
        Map<String, String> after = browser.await("the newcomer on the chart", () -> {
            Map<String, String> colours = colours();
            return colours.containsKey("newcomer") ? colours : null;
        });

        TOP_PAGES.subList(0, TOP - 1).forEach(page -> assertEquals(before.get(page), after.get(page), page + " kept its colour"));
        assertEquals(before.get(TOP_PAGES.get(TOP - 1)), after.get("newcomer"), "the colour the page that left freed");
        assertFalse(after.containsKey(TOP_PAGES.get(TOP - 1)), "the tenth page left the chart: " + after.keySet());
        assertEquals(after.size(), after.values().stream().distinct().count(), "two lines share a colour: " + after);
        assertEquals(List.of(), browser.scriptErrors());
    }

    /** The chart of {@code view}: the top pages, ranked, then the others; returns each line's colour. */
    private Map<String, String> assertChart(String view) {
        List<String> expected = new ArrayList<>(TOP_PAGES);
        expected.add("other");
        Map<String, String> colours = browser.await("the chart of the top pages and the others in " + view, () -> {
            Map<String, String> lines = colours();
            return List.copyOf(lines.keySet()).equals(expected) ? lines : null;
        });
        Number legendEntries = (Number) browser.script(
                "return Chart.getChart(document.getElementById('chart')).legend.legendItems.length");
        assertTrue(legendEntries.intValue() <= TOP + 1, view + ": " + legendEntries + " legend entries");
        assertEquals(colours.size(), colours.values().stream().distinct().count(), view + ": two lines share a colour: " + colours);
        // Windows without views are zeros in a range, and gaps in the live view until its stream brings them.
        List<Number> other = otherLine();
        assertTrue(other.stream().anyMatch(value -> value != null && value.longValue() == OTHER_VIEWS)
                && other.stream().allMatch(value -> value == null || value.longValue() == 0 || value.longValue() == OTHER_VIEWS),
                view + ": the other pages' views, " + OTHER_VIEWS + " per window with views: " + other);
        assertEquals(List.of(), browser.scriptErrors(), view);
        return colours;
    }

    /** Each line of the chart and its colour, in order. */
    @SuppressWarnings("unchecked")
    private Map<String, String> colours() {
        List<List<String>> lines = (List<List<String>>) browser.script("const chart = Chart.getChart(document.getElementById('chart'));"
                + "return chart ? chart.data.datasets.map(line => [line.label, line.borderColor]) : [];");
        Map<String, String> colours = new LinkedHashMap<>();
        lines.forEach(line -> colours.put(line.get(0), line.get(1)));
        return colours;
    }

    @SuppressWarnings("unchecked")
    private List<Number> otherLine() {
        return (List<Number>) browser.script("return Chart.getChart(document.getElementById('chart')).data.datasets"
                + ".find(line => line.label === 'other').data");
    }

    private static String name(int page) {
        return String.format("page-%04d", page);
    }
}
