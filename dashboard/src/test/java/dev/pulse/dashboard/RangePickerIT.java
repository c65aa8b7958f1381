package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The range picker in a real browser, on the packaged dashboard and the fake analytics: a preset and a custom range,
 * each kept in the page's URL, so that a reload shows the same view and Back the one before.
 */
@QuarkusIntegrationTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(OpenAccess.class)
class RangePickerIT extends BrowserOnFakeAnalytics {

    private static final String SCRIPT_PAGE = StreamResourceTest.SCRIPT_PAGE;
    /** The top pages the fake analytics answers for any range: views|visitors|median|p95. */
    private static final Map<String, String> TOP_PAGES = Map.of(
            "P1", "12|11|1.5 s|4.0 s",
            "P2", "9|8|1.5 s|4.0 s",
            SCRIPT_PAGE, "3|2|1.5 s|4.0 s");

    @BeforeEach
    void analyticsAnswers() {
        analytics.answerCounts(Map.of("P1", 12L, "P2", 9L, SCRIPT_PAGE, 3L));
        // Every period before the last minute had 8 views of P1 by 5 visitors: each range's previous period.
        analytics.answerPast(Instant.now().minusSeconds(60), Map.of("P1", 8L), 5);
    }

    @Test
    void sevenDaysIsInTheUrlBackAndForwardMoveBetweenViewsAndAReloadKeepsIt() throws Exception {
        browser.driver().get(page.toString());
        assertLive();

        browser.driver().findElement(By.cssSelector("#range-picker button[data-range='7d']")).click();

        assertEquals(page + "?range=7d", browser.driver().getCurrentUrl());
        assertSevenDays();
        browser.screenshot("dashboard-7-days.png");

        // Back and Forward within the page (popstate), then a reload of the URL.
        browser.driver().navigate().back();
        assertEquals(page.toString(), browser.driver().getCurrentUrl());
        assertLive();
        browser.driver().navigate().forward();
        assertEquals(page + "?range=7d", browser.driver().getCurrentUrl());
        assertSevenDays();

        browser.driver().navigate().refresh();
        assertEquals(page + "?range=7d", browser.driver().getCurrentUrl());
        assertSevenDays();

        browser.driver().navigate().back();
        assertEquals(page.toString(), browser.driver().getCurrentUrl());
        assertLive();
    }

    @Test
    void aCustomRangeInUtcIsInTheUrlAndSurvivesAReload() throws Exception {
        browser.driver().get(page.toString());
        assertLive();
        analytics.answerPast(Instant.parse("2026-12-01T00:00:00Z"), Map.of("P1", 8L), 5);

        browser.driver().findElement(By.cssSelector("#range-picker button[data-range='custom']")).click();
        browser.script("document.getElementById('custom-from').value = '2026-12-01T00:00:00';"
                + "document.getElementById('custom-to').value = '2026-12-01T23:59:59';");
        browser.driver().findElement(By.cssSelector("#custom-range button[type='submit']")).click();

        String url = page + "?from=2026-12-01T00%3A00%3A00Z&to=2026-12-01T23%3A59%3A59Z";
        assertEquals(url, browser.driver().getCurrentUrl());
        assertCustomDay();

        browser.driver().navigate().refresh();
        assertEquals(url, browser.driver().getCurrentUrl());
        assertCustomDay();
        // The inputs show the range again after the reload (Chromium leaves out seconds that are zero).
        assertEquals(List.of("2026-12-01T00:00", "2026-12-01T23:59:59"), List.of(
                browser.driver().findElement(By.id("custom-from")).getAttribute("value"),
                browser.driver().findElement(By.id("custom-to")).getAttribute("value")));
    }

    @Test
    void aRangeAnalyticsRefusesSaysWhy() {
        browser.driver().get(page + "?from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z");

        String status = browser.await("the page to say analytics refused the range",
                () -> "refused".equals(browser.status()) ? browser.text("status") : null);
        assertEquals("analytics refused the range: Invalid request: from 2026-12-05T00:00:00Z is after to "
                + "2026-12-04T00:00:00Z", status);
    }

    private void assertLive() {
        browser.await("the live view", () -> "live".equals(browser.status())
                && "in the last 5 minutes".equals(browser.text("headline-range"))
                && "12".equals(browser.rows("#counts").get("P1")) ? true : null);
        assertPressed("live");
        assertTrue(browser.driver().findElement(By.id("current-window")).isDisplayed(), "the live view shows the current window");
        // The fake's last 5 minutes against the 5 before: 24 views against 8, 7 visitors against 5.
        browser.await("the live headline's change",
                () -> "+200 %".equals(browser.text("views-change")) && "+40 %".equals(browser.text("visitors-change")) ? true : null);
    }

    private void assertSevenDays() {
        assertRange("in the last 7 days", "per hour");
        assertPressed("7d");
        assertEquals("live", browser.status(), "a range that includes now keeps updating");
    }

    private void assertCustomDay() {
        assertRange("from 2026-12-01 00:00 to 2026-12-02 00:00 UTC", "per hour");
        assertPressed("custom");
        assertEquals("fixed", browser.status(), "a range in the past is fetched once");
    }

    private void assertRange(String range, String resolution) {
        Map<String, String> topPages = browser.await("the top pages " + range, () -> {
            Map<String, String> shown = browser.rows("#top-pages");
            return shown.equals(TOP_PAGES) ? shown : null;
        });
        assertEquals(List.of("P1", "P2", SCRIPT_PAGE), List.copyOf(topPages.keySet()), "ranked by views");
        browser.await("the headline " + range, () -> range.equals(browser.text("headline-range")) ? true : null);
        assertEquals("24", browser.text("views"));
        assertEquals("7", browser.text("visitors"));
        assertEquals("+200 %", browser.text("views-change"));
        assertEquals("+40 %", browser.text("visitors-change"));
        assertEquals(range + ", by views", browser.text("top-pages-range"));
        assertEquals(resolution, browser.text("chart-resolution"));
        assertEquals(false, browser.driver().findElement(By.id("current-window")).isDisplayed(),
                "the current window belongs to the live view");
        @SuppressWarnings("unchecked")
        List<String> series = (List<String>) browser.script(
                "return Chart.getChart(document.getElementById('chart')).data.datasets.map(dataset => dataset.label)");
        assertEquals(List.of("P1", "P2", SCRIPT_PAGE), series, "each page of the table, ranked, and no other pages to draw");
        assertTrue(browser.driver().findElements(By.cssSelector("#counts img, #top-pages img")).isEmpty(),
                "a page name became an element");
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), "a page name raised an alert");
    }

    private void assertPressed(String range) {
        List<String> pressed = browser.driver().findElements(By.cssSelector("#range-picker button[aria-pressed='true']"))
                .stream().map(button -> button.getAttribute("data-range")).toList();
        assertEquals(List.of(range), pressed);
    }
}
