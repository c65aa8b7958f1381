package dev.pulse.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the browser tests, and what they read off the dashboard's page.
 * Selenium is pointed at the installed browser and driver and never downloads one ({@code SE_OFFLINE}, set by the
 * failsafe configuration).
 */
final class HeadlessBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING = "Browser test skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Runs before any script of every page loaded: keeps what each uncaught error or rejection said. */
    private static final String ERROR_RECORDER = "window.__scriptErrors = [];"
            + "addEventListener('error', event => window.__scriptErrors.push(String(event.message)));"
            + "addEventListener('unhandledrejection', event => window.__scriptErrors.push(String(event.reason)));";

    private final WebDriver driver;

    private HeadlessBrowser(WebDriver driver) {
        this.driver = driver;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static HeadlessBrowser start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,860",
                "--user-data-dir=" + Files.createTempDirectory("pulse-e2e-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        chromium.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_RECORDER));
        return new HeadlessBrowser(chromium);
    }

    WebDriver driver() {
        return driver;
    }

    /** A table's rows in order: the first cell's text to the others' joined by |. */
    Map<String, String> rows(String table) {
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) script(
                "return [...document.querySelectorAll(arguments[0] + ' tbody tr:not(.empty)')]"
                        + ".map(row => [...row.cells].map(cell => cell.textContent))", table);
        return rows.stream().collect(Collectors.toMap(row -> row.get(0), row -> String.join("|", row.subList(1, row.size())),
                (a, b) -> a + "," + b, LinkedHashMap::new));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The state of the page's status line: connecting, live, unreachable, refused... */
    String status() {
        return driver.findElement(By.id("status")).getAttribute("data-state");
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** What the uncaught script errors of the page shown said, since it was loaded. */
    @SuppressWarnings("unchecked")
    List<String> scriptErrors() {
        return (List<String>) script("return window.__scriptErrors");
    }

    /** Saves what the browser shows as {@code target/<name>}. */
    void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The first non-null value of {@code condition}, asked again until it comes or patience runs out. */
    <T> T await(String what, Supplier<T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> "Waited for " + what)
                .until(ignored -> condition.get());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
