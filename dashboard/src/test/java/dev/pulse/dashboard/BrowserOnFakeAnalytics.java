package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The packaged dashboard in one headless Chromium, shared by a class's tests, on a stand-in analytics that answers
 * afresh before each test. Without Chromium each test is skipped, saying why.
 */
abstract class BrowserOnFakeAnalytics {

    static HeadlessBrowser browser;

    @FakeAnalytics.Inject
    FakeAnalytics analytics;

    @TestHTTPResource("/")
    URI page;

    @BeforeAll
    static void startBrowser() throws IOException {
        // Without a browser each test reports its skip; an assumption failing here would report no test at all.
        if (HeadlessBrowser.installed()) {
            browser = HeadlessBrowser.start();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void answeringAfresh() {
        assumeTrue(HeadlessBrowser.installed(), HeadlessBrowser.MISSING);
        analytics.comeBack();
        analytics.behave(FakeAnalytics.Behaviour.ANSWER);
        analytics.keep(FakeAnalytics.KEPT);
    }
}
