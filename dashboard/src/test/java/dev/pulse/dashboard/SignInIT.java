package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.pulse.security.NewCredentials;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Signing in and out in a real browser, on the packaged dashboard with access control on: the page sends the browser
 * to the sign-in page and, once signed in, back to the view it asked for; a wrong password is told so; signing out
 * ends the session; a page whose session ended goes to the sign-in page by itself.
 */
@QuarkusIntegrationTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(TestCredentials.class)
class SignInIT extends BrowserOnFakeAnalytics {

    @BeforeEach
    void signedOut() {
        analytics.answerCounts(Map.of("P1", 3L));
        analytics.answerPast(null, null, 0);
        browser.driver().get(page.resolve(SignInPage.PATH).toString());
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void signsInWithTheRightPasswordOnlyBackToTheViewAskedForAndSignsOut() throws Exception {
        browser.driver().get(page + "?range=7d");
        awaitSignInPage();
        browser.screenshot("dashboard-sign-in.png");

        signIn(NewCredentials.password());
        browser.await("the sign-in page to say the attempt failed",
                () -> browser.driver().getCurrentUrl().endsWith(SignInPage.PATH + "?failed=true") ? true : null);
        assertTrue(browser.text("sign-in-failed").startsWith("Wrong user name or password"), browser.text("sign-in-failed"));

        signIn(TestCredentials.password(TestCredentials.VIEWER));
        awaitLive(page + "?range=7d");
        assertEquals(TestCredentials.VIEWER, browser.text("user"));
        browser.screenshot("dashboard-signed-in.png");

        browser.driver().findElement(By.cssSelector("#sign-out button[type='submit']")).click();
        awaitSignInPage();
        browser.driver().get(page.toString());
        awaitSignInPage();
    }

    @Test
    void aPageWhoseSessionEndedGoesToSignInAndComesBackToItsView() {
        browser.driver().get(page.toString());
        awaitSignInPage();
        signIn(TestCredentials.password(TestCredentials.VIEWER));
        awaitLive(page.toString());

        // As when the session expires: the browser no longer sends it, and the next stream is refused.
        browser.driver().manage().deleteCookieNamed(DashboardAccessTest.SESSION_COOKIE);
        browser.driver().findElement(By.cssSelector("#range-picker button[data-range='1h']")).click();
        awaitSignInPage();
        signIn(TestCredentials.password(TestCredentials.VIEWER));
        awaitLive(page + "?range=1h");

        // The same for a custom range, which the page fetches rather than streams.
        browser.driver().manage().deleteCookieNamed(DashboardAccessTest.SESSION_COOKIE);
        browser.driver().findElement(By.cssSelector("#range-picker button[data-range='custom']")).click();
        browser.script("document.getElementById('custom-from').value = '2026-12-01T00:00:00';"
                + "document.getElementById('custom-to').value = '2026-12-01T23:59:59';");
        browser.driver().findElement(By.cssSelector("#custom-range button[type='submit']")).click();
        awaitSignInPage();
        signIn(TestCredentials.password(TestCredentials.VIEWER));
        String custom = page + "?from=2026-12-01T00%3A00%3A00Z&to=2026-12-01T23%3A59%3A59Z";
        browser.await("the custom range again", () -> custom.equals(browser.driver().getCurrentUrl())
                && "fixed".equals(browser.status()) ? true : null);
        assertEquals(List.of(), browser.scriptErrors());
    }

    private void awaitSignInPage() {
        String signInPage = page.resolve(SignInPage.PATH).toString();
        browser.await("the sign-in page", () -> signInPage.equals(browser.driver().getCurrentUrl()) ? true : null);
    }

    private void signIn(String password) {
        browser.driver().findElement(By.name("j_username")).sendKeys(TestCredentials.VIEWER);
        browser.driver().findElement(By.name("j_password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("#sign-in button[type='submit']")).click();
    }

    private void awaitLive(String url) {
        // The top pages' row of P1: its 3 views, and what follows.
        browser.await("the dashboard at " + url, () -> url.equals(browser.driver().getCurrentUrl())
                && "live".equals(browser.status())
                && String.valueOf(browser.rows("#top-pages").get("P1")).startsWith("3|") ? true : null);
        assertEquals(List.of(), browser.scriptErrors());
    }
}
