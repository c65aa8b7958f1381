package dev.pulse.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.testing.PackagedApp;

/**
 * The website tracker in headless Chromium, on the demo site of {@code make demo-site} and the packaged producer and
 * analytics: the views a visitor makes are counted once each, from when each page is first seen, their times on page
 * recorded when the visitor leaves; beacons carry no cookies, and count from a page without referrer; nothing is
 * written with Do Not Track or Global Privacy Control on, from a page of an origin the producer does not allow, or for
 * a bot. The pages send to the producer through a {@link RecordingRelay}, which tells what the browser sent.
 */
@ExtendWith(ReliabilitySuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Between the time on page the tracker sends and the time the test stayed on the page. */
    private static final long TOLERANCE_MS = 300;
    /** A page the tracker must count, as the demo site serves it, with Referrer-Policy: no-referrer. */
    private static final String NO_REFERRER_PAGE = "/about.html";
    private static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    /** The three pages of a visit: two pages loaded by links, the third a route of the single-page app. */
    private static final List<String> VISIT = List.of("/", "/app/", "/app/settings");
    /** When this document opened, in epoch milliseconds: its deferred scripts, the tracker's among them, just ran. */
    private static final String DOCUMENT_OPENED = "return performance.timeOrigin"
            + " + performance.getEntriesByType('navigation')[0].domContentLoadedEventStart";
    /** Notes, where the next page of the site can read it, when this page is left. */
    private static final String NOTE_PAGEHIDE = "addEventListener('pagehide', () => localStorage.setItem('test.left',"
            + " performance.timeOrigin + performance.now()))";
    /** Notes when the next click happens (before the app's own handler changes the route). */
    private static final String NOTE_CLICK = "document.addEventListener('click', () => localStorage.setItem('test.left',"
            + " performance.timeOrigin + performance.now()), {capture: true, once: true})";
    private static final String LEFT = "return Number(localStorage.getItem('test.left'))";
    /** Notes when this page is shown and when hidden, where the next page of the site can read it. */
    private static final String NOTE_VISIBILITY = "addEventListener('visibilitychange', () => localStorage.setItem("
            + "'test.' + document.visibilityState, performance.timeOrigin + performance.now()))";
    private static final String VISIBILITY = "return document.visibilityState";

    private static PulseStack stack;
    private static ReliabilityReport report;
    private static Process demoSite;
    /** Between the pages and the producer: the demo site's pages send to it. */
    private static RecordingRelay relay;
    private static Path demoSiteLog;
    /** Before any view of this class: where analytics' counts are read from. */
    private static Instant since;

    @BeforeAll
    static void startDemoSite(PulseStack pulse, ReliabilityReport reliabilityReport) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver)");
        stack = pulse;
        report = reliabilityReport;
        since = Instant.now().minusSeconds(60);
        Path root = PackagedApp.repositoryRoot();
        demoSiteLog = Path.of("target", "demo-site.log").toAbsolutePath();
        Files.createDirectories(demoSiteLog.getParent());
        relay = RecordingRelay.to(stack.producer().url(""));
        // The program behind make demo-site, its pages sending to this stack's producer through the relay, on
        // localhost as the site is: a producer of the same site, as on a sibling subdomain, is offered its cookies.
        demoSite = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                root.resolve("demo-site/DemoSite.java").toString(), Integer.toString(stack.demoSitePort()),
                producerSeenByPages("")).redirectErrorStream(true).redirectOutput(demoSiteLog.toFile()).start();
        await("the demo site, see " + demoSiteLog).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> Http.get(site("/")).statusCode() == 200);
    }

    @AfterAll
    static void stopDemoSite() throws InterruptedException {
        if (demoSite != null) {
            demoSite.destroy();
            demoSite.waitFor(10, TimeUnit.SECONDS);
        }
        if (relay != null) {
            relay.close();
        }
    }

    /**
     * The visitor stays known times on three pages. A page's time on page runs from when it opened (its deferred
     * scripts ran, just before DOMContentLoaded) to when it was left (pagehide, once the next page has arrived; or
     * the click that changed the route): the browser measures both ends here, with the Navigation Timing API and a
     * listener the test adds, independently of the tracker; the test's own clock, which also counts WebDriver's
     * round trips, gives a lower bound.
     */
    @Test
    @Order(1)
    void eachViewIsCountedOnceAndItsTimeOnPageRecordedWhenTheVisitorLeaves() {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        Map<String, Long> stayed = new LinkedHashMap<>();
        Map<String, Double> spent = new LinkedHashMap<>();
        String visitor;
        long countedAfterMs;
        WebDriver browser = browser(options -> { });
        try {
            browser.get(site("/"));
            long opened = trackerRunning(browser, "/");
            double shown = script(browser, DOCUMENT_OPENED);
            visitor = (String) script(browser, "return localStorage.getItem('pulse.visitor')");
            countedAfterMs = millisUntilCounted("/", opened, 1_400);
            stayed.put("/", stayUntil(opened, 1_500));
            script(browser, NOTE_PAGEHIDE);
            browser.findElement(By.cssSelector("nav a[href='/app/']")).click();

            opened = trackerRunning(browser, "/app/");
            spent.put("/", (double) script(browser, LEFT) - shown);
            shown = script(browser, DOCUMENT_OPENED);
            stayed.put("/app/", stayUntil(opened, 1_200));
            script(browser, NOTE_CLICK);
            browser.findElement(By.cssSelector("#routes a[href='/app/settings']")).click();

            opened = trackerRunning(browser, "/app/settings");
            double routeChanged = script(browser, LEFT);
            spent.put("/app/", routeChanged - shown);
            stayed.put("/app/settings", stayUntil(opened, 1_000));
            script(browser, NOTE_PAGEHIDE);
            // Away to a page of the same site without the tracker, where the listener's note can be read.
            browser.get(site("/left"));
            spent.put("/app/settings", (double) script(browser, LEFT) - routeChanged);
        } finally {
            browser.quit();
        }
        assertTrue(visitor != null && visitor.matches("[0-9a-f]{32}"), "a random visitor id in localStorage: " + visitor);

        List<JsonNode> events = await("a view and a leave of each page").atMost(PATIENCE).until(
                () -> eventsSince(before, visitor), written -> written.size() >= 2 * VISIT.size());
        assertEquals(2 * VISIT.size(), events.size(), "events written for the visit: " + events);
        Map<String, JsonNode> views = new LinkedHashMap<>();
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        for (JsonNode event : events) {
            Map<String, JsonNode> byName = "view".equals(event.path("kind").asText()) ? views : leaves;
            assertEquals(null, byName.put(event.path("name").asText(), event), "one " + event.path("kind") + " per page: " + events);
        }
        assertEquals(VISIT, List.copyOf(views.keySet()), "views, in the order of the visit");
        assertEquals(VISIT, List.copyOf(leaves.keySet()), "leaves, in the order of the visit");
        String times = times(leaves, spent, stayed);
        for (String page : VISIT) {
            JsonNode view = views.get(page);
            JsonNode leave = leaves.get(page);
            assertEquals(0, view.path("duration").asLong(), "a view carries no duration: " + view);
            assertEquals(view.path("view").asText(), leave.path("view").asText(), "the leave names its view: " + leave);
            long recorded = leave.path("duration").asLong();
            assertTrue(Math.abs(recorded - spent.get(page)) <= TOLERANCE_MS, page + ": " + times);
            assertTrue(recorded >= stayed.get(page), page + " was open at least as long as the test stayed: " + times);
        }
        for (String page : VISIT) {
            await("analytics to count " + page).atMost(PATIENCE).until(() -> viewsCounted(page) >= 1);
            assertEquals(1, viewsCounted(page), page + " counted once: its leave is no view");
        }
        report.note("tracker: 3 views in Chromium counted once each; time on page " + times + "; the first view was "
                + "counted by analytics " + (countedAfterMs < 0 ? "later than 1.4 s" : countedAfterMs + " ms") + " after its page opened");
    }

    @Test
    @Order(2)
    void withDoNotTrackNothingIsSent() {
        nothingIsSent("Do Not Track", options -> options.setExperimentalOption("prefs", Map.of("enable_do_not_track", true)),
                browser -> assertEquals("1", script(browser, "return navigator.doNotTrack"), "the browser sends Do Not Track"));
    }

    /** Chromium has no Global Privacy Control setting: the page sees it as browsers that have one show it. */
    @Test
    @Order(3)
    void withGlobalPrivacyControlNothingIsSent() {
        nothingIsSent("Global Privacy Control", options -> { }, browser -> {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"));
            browser.get(site("/left"));
            assertEquals(true, script(browser, "return navigator.globalPrivacyControl"), "the page sees Global Privacy Control");
        });
    }

    /**
     * The visit of the first test, in a browser that asks not to be tracked. A beacon of the test's own, sent by the
     * same browser after the visit, is the sign that whatever the tracker sent has had its turn: it alone is written.
     */
    private static void nothingIsSent(String setting, Consumer<ChromeOptions> customization, Consumer<ChromeDriver> check) {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        ChromeDriver browser = browser(customization);
        String sentinel;
        try {
            check.accept(browser);
            browser.get(site("/"));
            trackerRunning(browser, "/");
            browser.findElement(By.cssSelector("nav a[href='/app/']")).click();
            trackerRunning(browser, "/app/");
            browser.findElement(By.cssSelector("#routes a[href='/app/settings']")).click();
            sentinel = sentinel(browser);
        } finally {
            browser.quit();
        }
        assertEquals(List.of(sentinel), pagesWrittenSince(before), "pages written with " + setting + " on");
        report.note("tracker: with " + setting + " on, nothing written");
    }

    @Test
    @Order(4)
    void aPageOfAnOriginNotAllowedIsRefusedAndTheBrowserBlocksItsRequests() {
        String foreignSite = site("/").replace("localhost", "127.0.0.1");
        String refused = "pulse_producer_tracker_origins_refused_total";
        double refusedBefore = producerMetric(refused);
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        WebDriver browser = browser(options -> { });
        try {
            browser.get(foreignSite);
            trackerRunning(browser, "/");
            Object outcome = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},"
                            + " body: JSON.stringify({name: '/', user: 'u', duration: 0, kind: 'view'})})"
                            + ".then(answer => done('answered ' + answer.status), error => done('blocked: ' + error.name));",
                    producerSeenByPages("/beacon"));
            assertEquals("blocked: TypeError", outcome, "the browser let the page read the answer");
            browser.get("about:blank");
        } finally {
            browser.quit();
        }
        // The page's view and leave (text/plain: sent without asking) and the JSON request's preflight, each refused
        // before its body was read: once all three are counted, none of them can write anything any more.
        await("the producer to refuse the foreign page's requests").atMost(PATIENCE)
                .until(() -> producerMetric(refused) >= refusedBefore + 3);
        assertEquals(before, stack.kafka().endOffsets(PulseStack.PAGE_EVENTS), "page-events end offsets");
        report.note("tracker: a page of an origin not allowed: refused (403), its JSON request blocked by the browser, nothing written");
    }

    @Test
    @Order(5)
    void aBotIsCountedNotWritten() {
        String bots = "pulse_producer_tracker_bots_total";
        double botsBefore = producerMetric(bots);
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        WebDriver browser = browser(options -> options.addArguments("--user-agent=" + BOT));
        try {
            browser.get(site("/"));
            trackerRunning(browser, "/");
            browser.get("about:blank");
        } finally {
            browser.quit();
        }
        // Counted as the bot's when answered, before anything could be written: once both are, nothing will be.
        await("the producer to count the bot's view and leave").atMost(PATIENCE)
                .until(() -> producerMetric(bots) >= botsBefore + 2);
        assertEquals(before, stack.kafka().endOffsets(PulseStack.PAGE_EVENTS), "page-events end offsets");
        report.note("tracker: a bot's view and leave counted in pulse_producer_tracker_bots_total, nothing written");
    }

    /**
     * A page opened in a background tab counts from when it is first shown, and its time on page until it is first
     * hidden; one loaded in the background and closed unseen counts nothing. The tab is hidden by another one coming
     * to the front, as a click with the middle button would leave it.
     */
    @Test
    @Order(6)
    void aPageCountsFromWhenItIsFirstSeenAndNotAtAllWhenClosedUnseen() {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        ChromeDriver browser = browser(options -> { });
        String visitor;
        long hiddenFor;
        double spent;
        String sentinel;
        try {
            browser.get(site("/left"));
            String tab = browser.getWindowHandle();
            String front = (String) browser.executeCdpCommand("Target.createTarget", Map.of("url", "about:blank")).get("targetId");
            long opened = trackerRunningHidden(browser, NO_REFERRER_PAGE);
            visitor = script(browser, "return localStorage.getItem('pulse.visitor')");
            script(browser, NOTE_VISIBILITY);
            hiddenFor = stayUntil(opened, 1_500);
            showTab(browser, tab, "visible");
            stayUntil(System.nanoTime(), 1_000);
            showTab(browser, front, "hidden");
            spent = (double) script(browser, "return localStorage.getItem('test.hidden') - localStorage.getItem('test.visible')");

            trackerRunningHidden(browser, "/app/help");
            browser.close();
            browser.switchTo().window(front);
            sentinel = sentinel(browser);
        } finally {
            browser.quit();
        }
        List<JsonNode> events = eventsSince(before, visitor);
        assertEquals(List.of("view " + NO_REFERRER_PAGE, "leave " + NO_REFERRER_PAGE), kinds(events),
                "written for the page shown later and the one closed unseen (before " + sentinel + ")");
        long recorded = events.get(1).path("duration").asLong();
        String time = recorded + " ms recorded, shown for " + Math.round(spent) + " ms after " + hiddenFor + " ms hidden";
        assertTrue(Math.abs(recorded - spent) <= TOLERANCE_MS, time);
        report.note("tracker: a page opened in the background counted once shown, " + time + "; one closed unseen: nothing");
    }

    /** Back to a page kept in the back/forward cache: a new view of it, with its own leave. */
    @Test
    @Order(7)
    void backFromTheBackForwardCacheIsANewView() {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        ChromeDriver browser = browser(options -> { });
        String visitor;
        try {
            browser.get(site(NO_REFERRER_PAGE));
            trackerRunning(browser, NO_REFERRER_PAGE);
            visitor = script(browser, "return localStorage.getItem('pulse.visitor')");
            script(browser, "addEventListener('pageshow', event => window.restored = event.persisted)");
            browser.get(site("/app/help"));
            trackerRunning(browser, "/app/help");
            browser.navigate().back();
            new WebDriverWait(browser, PATIENCE).withMessage(() -> NO_REFERRER_PAGE + " back from the back/forward cache")
                    .until(driver -> Boolean.TRUE.equals(script(driver, "return window.restored")));
            sentinel(browser);
        } finally {
            browser.quit();
        }
        List<JsonNode> events = eventsSince(before, visitor);
        assertEquals(sorted("view " + NO_REFERRER_PAGE, "leave " + NO_REFERRER_PAGE, "view /app/help", "leave /app/help",
                "view " + NO_REFERRER_PAGE, "leave " + NO_REFERRER_PAGE), sorted(kinds(events)), "written for the visit");
        Map<String, List<String>> ids = events.stream().filter(event -> event.path("name").asText().equals(NO_REFERRER_PAGE))
                .collect(Collectors.groupingBy(event -> event.path("kind").asText(),
                        Collectors.mapping(event -> event.path("view").asText(), Collectors.toList())));
        assertEquals(2, Set.copyOf(ids.get("view")).size(), "the return is a view of its own: " + events);
        assertEquals(Set.copyOf(ids.get("view")), Set.copyOf(ids.get("leave")), "each leave names its view: " + events);
        report.note("tracker: back to a page from the back/forward cache, a new view");
    }

    /**
     * A single-page app whose router changes the route with pushState and also calls pulse.view() for it: one view,
     * as the README promises.
     */
    @Test
    @Order(8)
    void aRouteChangeAndTheSitesOwnViewOfTheSamePathAreOneView() {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        ChromeDriver browser = browser(options -> { });
        String visitor;
        try {
            browser.get(site("/app/help"));
            trackerRunning(browser, "/app/help");
            visitor = script(browser, "return localStorage.getItem('pulse.visitor')");
            script(browser, "history.pushState(null, '', '/app/inbox'); pulse.view('/app/inbox')");
            sentinel(browser);
        } finally {
            browser.quit();
        }
        assertEquals(sorted("view /app/help", "leave /app/help", "view /app/inbox", "leave /app/inbox"),
                sorted(kinds(eventsSince(before, visitor))), "written for the visit");
        report.note("tracker: pushState and pulse.view() of the same path, one view");
    }

    /**
     * The producer on the site's own domain (here localhost, as a sibling subdomain would be) is offered the site's
     * cookies: the tracker's beacons leave them at home, although the browser does send them there when asked to.
     * The page served with Referrer-Policy: no-referrer is counted all the same.
     */
    @Test
    @Order(9)
    void beaconsCarryNoCookiesAndCountFromAPageWithoutReferrer() {
        Map<TopicPartition, Long> before = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        ChromeDriver browser = browser(options -> { });
        String visitor;
        RecordingRelay.Request credentialed;
        try {
            browser.get(site("/left"));
            browser.manage().addCookie(new Cookie("session", "secret-session-id"));
            browser.get(site(NO_REFERRER_PAGE));
            trackerRunning(browser, NO_REFERRER_PAGE);
            visitor = script(browser, "return localStorage.getItem('pulse.visitor')");
            browser.get(site("/left"));
            // What sendBeacon sends (always with the browser's cookies): the proof that there are cookies to leave.
            String marker = "/credentialed-" + UUID.randomUUID();
            script(browser, "navigator.sendBeacon(arguments[0], JSON.stringify({name: arguments[1], user: 'u', duration: 0,"
                    + " kind: 'view'}))", producerSeenByPages("/beacon"), marker);
            credentialed = await("the relay to receive the credentialed beacon").atMost(PATIENCE)
                    .until(() -> beaconsReceived(marker), received -> !received.isEmpty()).get(0);
            sentinel(browser);
        } finally {
            browser.quit();
        }
        assertEquals(List.of("session=secret-session-id"), credentialed.headers().get("cookie"), "cookies the browser has");
        List<RecordingRelay.Request> beacons = beaconsReceived(visitor);
        assertEquals(2, beacons.size(), "the view and the leave of " + NO_REFERRER_PAGE + ": " + beacons);
        for (RecordingRelay.Request beacon : beacons) {
            assertEquals(null, beacon.headers().get("cookie"), "cookies sent with " + beacon);
            assertEquals(null, beacon.headers().get("referer"), "no referrer, as the page asks: " + beacon);
            assertEquals(List.of(stack.trackerOrigin()), beacon.headers().get("origin"), "the page's origin: " + beacon);
        }
        assertEquals(List.of("view " + NO_REFERRER_PAGE, "leave " + NO_REFERRER_PAGE), kinds(eventsSince(before, visitor)),
                "written for the page without referrer");
        report.note("tracker: beacons carry no cookies; a page with Referrer-Policy: no-referrer counted");
    }

    @Test
    @Order(10)
    void analyticsStillCountsOnlyTheTrackedVisit() {
        for (String page : VISIT) {
            assertEquals(1, viewsCounted(page), page);
        }
    }

    // --- the browser

    private static ChromeDriver browser(Consumer<ChromeOptions> customization) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("pulse-tracker-chromium-"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        customization.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Waits until the page at {@code path} runs the tracker; returns the time it was seen running. */
    private static long trackerRunning(WebDriver browser, String path) {
        new WebDriverWait(browser, PATIENCE).pollingEvery(Duration.ofMillis(10))
                .withMessage(() -> "the tracker running on " + path)
                .until(driver -> Boolean.TRUE.equals(script(driver, "return location.pathname === arguments[0]"
                        + " && typeof window.pulse === 'object'", path)));
        return System.nanoTime();
    }

    /** Waits until the page at {@code path}, loaded in the current tab while another is in front, runs the tracker. */
    private static long trackerRunningHidden(WebDriver browser, String path) {
        browser.get(site(path));
        long opened = trackerRunning(browser, path);
        assertEquals("hidden", script(browser, VISIBILITY), path + " loaded in a background tab");
        return opened;
    }

    /** Brings the tab {@code handle} to the front, and waits until the current tab's page is {@code visibility}. */
    private static void showTab(ChromeDriver browser, String handle, String visibility) {
        browser.executeCdpCommand("Target.activateTarget", Map.of("targetId", handle));
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "the page " + visibility)
                .until(driver -> visibility.equals(script(driver, VISIBILITY)));
    }

    /**
     * Sends, from a page of the site in {@code browser}, a beacon of a page of its own, as the tracker sends them, and
     * returns its name once the producer answered it 202 (Kafka has it). Sent after everything the test made the
     * tracker do, it is the sign that what the tracker sent, or would have sent, has had its turn.
     */
    private static String sentinel(WebDriver browser) {
        String page = "/sentinel-" + UUID.randomUUID();
        browser.get(site("/left"));
        Object answered = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', credentials: 'omit', body: JSON.stringify({name: arguments[1],"
                + " user: 'sentinel', duration: 0, kind: 'view'})}).then(answer => done(answer.status), error => done(String(error)));",
                producerSeenByPages("/beacon"), page);
        assertEquals(202L, answered, "the sentinel beacon's answer");
        return page;
    }

    /** Stays on the page until {@code millis} after {@code opened}; returns the time stayed. */
    private static long stayUntil(long opened, long millis) {
        long left = millis - elapsedMillis(opened);
        if (left > 0) {
            PulseStack.pause(Duration.ofMillis(left));
        }
        return elapsedMillis(opened);
    }

    @SuppressWarnings("unchecked")
    private static <T> T script(WebDriver browser, String code, Object... arguments) {
        Object result = ((JavascriptExecutor) browser).executeScript(code, arguments);
        // WebDriver answers whole numbers as Long, others as Double.
        return (T) (result instanceof Number number && !(result instanceof Double) ? (Object) number.doubleValue() : result);
    }

    // --- what was written and counted

    private static List<JsonNode> eventsSince(Map<TopicPartition, Long> before, String visitor) {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : stack.kafka().read(before, stack.kafka().endOffsets(PulseStack.PAGE_EVENTS))) {
            JsonNode event = Http.parse(new String(record.value(), StandardCharsets.UTF_8));
            if (visitor.equals(event.path("user").asText())) {
                events.add(event);
            }
        }
        events.sort(Comparator.comparing(event -> Instant.parse(event.path("date").asText())));
        return events;
    }

    /** The pages of all events written since {@code before}. */
    private static List<String> pagesWrittenSince(Map<TopicPartition, Long> before) {
        return stack.kafka().read(before, stack.kafka().endOffsets(PulseStack.PAGE_EVENTS)).stream()
                .map(record -> Http.parse(new String(record.value(), StandardCharsets.UTF_8)).path("name").asText())
                .toList();
    }

    /** "view /page", "leave /page"... */
    private static List<String> kinds(List<JsonNode> events) {
        return events.stream().map(event -> event.path("kind").asText() + " " + event.path("name").asText()).toList();
    }

    private static List<String> sorted(String... kinds) {
        return sorted(List.of(kinds));
    }

    /** In the order of their names: a leave and the next view, sent together, may arrive either way round. */
    private static List<String> sorted(List<String> kinds) {
        return kinds.stream().sorted().toList();
    }

    /** The beacons the relay received whose body holds {@code text}. */
    private static List<RecordingRelay.Request> beaconsReceived(String text) {
        return relay.received().stream()
                .filter(request -> request.method().equals("POST") && request.path().equals("/beacon") && request.body().contains(text))
                .toList();
    }

    /** The producer as the demo site's pages reach it: through the relay, on localhost like the site. */
    private static String producerSeenByPages(String path) {
        return "http://localhost:" + relay.port() + path;
    }

    /** Views of {@code page} in analytics' windows since this class started, or -1 while analytics cannot say (503). */
    private static long viewsCounted(String page) {
        String query = "/counts/history?name=" + URLEncoder.encode(page, StandardCharsets.UTF_8)
                + "&from=" + since + "&to=" + Instant.now().plusSeconds(60);
        var answer = Http.get(stack.analytics().url(query));
        if (answer.statusCode() != 200) {
            return -1;
        }
        long views = 0;
        for (JsonNode window : Http.parse(answer.body()).path("windows")) {
            views += window.path("counts").path(page).asLong();
        }
        return views;
    }

    /** How long after {@code opened} analytics counted a view of {@code page}, or -1 if not within {@code limitMs}. */
    private static long millisUntilCounted(String page, long opened, long limitMs) {
        while (elapsedMillis(opened) < limitMs) {
            if (viewsCounted(page) > 0) {
                return elapsedMillis(opened);
            }
            PulseStack.pause(Duration.ofMillis(50));
        }
        return -1;
    }

    private static long producerMetric(String name) {
        return (long) Http.metric(stack.producer().url("/q/metrics"), name);
    }

    private static String times(Map<String, JsonNode> leaves, Map<String, Double> spent, Map<String, Long> stayed) {
        StringBuilder text = new StringBuilder();
        leaves.forEach((page, leave) -> text.append(text.length() == 0 ? "" : ", ").append(page).append(' ')
                .append(leave.path("duration").asLong()).append(" ms (open ").append(Math.round(spent.get(page)))
                .append(" ms, the test stayed ").append(stayed.get(page)).append(" ms)"));
        return text.toString();
    }

    private static long elapsedMillis(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    private static String site(String path) {
        return stack.trackerOrigin() + path;
    }
}
