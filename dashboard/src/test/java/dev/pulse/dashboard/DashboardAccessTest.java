package dev.pulse.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.security.NewCredentials;
import dev.pulse.testing.AccessMatrix;
import dev.pulse.testing.AccessMatrix.Caller;
import dev.pulse.testing.AccessMatrix.Row;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The dashboard's rows of the access table (README, Access), asked by every kind of caller; and signing in and out
 * through the sign-in page: the session cookie, and where each answer sends a browser.
 */
@QuarkusTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(TestCredentials.class)
class DashboardAccessTest {

    static final String SESSION_COOKIE = "quarkus-credential";
    static final String LOCATION_COOKIE = "quarkus-redirect-location";
    private static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    @FakeAnalytics.Inject
    FakeAnalytics analytics;

    static Stream<AccessMatrix.Case> table() {
        return AccessMatrix.cases(
                // A browser that is not signed in is sent to the sign-in page rather than told 401.
                Row.get("/").roles(200, "viewer").withoutCredentials(302),
                // A stream that ends at once: the live one never does.
                Row.get("/stream?range=no-such-range").roles(400, "viewer"),
                Row.get("/history").roles(200, "viewer"),
                Row.get("/range?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z").roles(200, "viewer"),
                Row.get("/dashboard.js").roles(200, "viewer"),
                Row.get(CHART_JS).roles(200, "viewer"),
                Row.get("/sign-in").open(200),
                Row.get("/dashboard.css").open(200),
                Row.post("/sign-out", "application/x-www-form-urlencoded", "").open(303));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(AccessMatrix.Case row) {
        row.check();
    }

    @Test
    void thePageSendsABrowserToSignInAndSigningInBringsItBackToTheViewItAskedFor() {
        Response asked = given().redirects().follow(false).when().get("/?range=7d");
        asked.then().statusCode(302).header("Location", endsWith(SignInPage.PATH));
        String view = asked.getCookie(LOCATION_COOKIE);
        assertNotNull(view, "the view asked for is kept");
        assertTrue(view.endsWith("/?range=7d"), view);

        Response signedIn = given().redirects().follow(false).cookie(LOCATION_COOKIE, view)
                .contentType(ContentType.URLENC)
                .formParam("j_username", TestCredentials.VIEWER)
                .formParam("j_password", TestCredentials.password(TestCredentials.VIEWER))
                .when().post(SignInPage.FORM_POST);

        signedIn.then().statusCode(302).header("Location", view);
        given().cookie(SESSION_COOKIE, signedIn.getCookie(SESSION_COOKIE)).when().get("/?range=7d").then()
                .statusCode(200).body(containsString("signed in as <strong id=\"user\">" + TestCredentials.VIEWER + "</strong>"));
    }

    @Test
    void theSessionCookieIsKeptFromScriptsAndFromOtherSitesRequests() {
        Response signedIn = signIn(TestCredentials.VIEWER, TestCredentials.password(TestCredentials.VIEWER));
        signedIn.then().statusCode(302).header("Location", endsWith("/"));

        Map<String, String> cookie = setCookie(signedIn, SESSION_COOKIE);
        assertEquals(Map.of("httponly", "", "samesite", "Lax", "path", "/"), withoutValue(cookie),
                "HttpOnly, SameSite=Lax, the whole site; not Secure over http; no Max-Age: gone when the browser closes");
        assertFalse(cookie.get(SESSION_COOKIE).contains(TestCredentials.VIEWER), "the session is encrypted");
    }

    @Test
    void aSignedInBrowserReadsThePageAndWhatItAsksFor() {
        String session = session(TestCredentials.VIEWER);

        given().cookie(SESSION_COOKIE, session).when().get("/").then().statusCode(200);
        given().cookie(SESSION_COOKIE, session).when().get("/history").then().statusCode(200);
        given().cookie(SESSION_COOKIE, session).when().get("/dashboard.js").then().statusCode(200);
        given().cookie(SESSION_COOKIE, session).when().get("/stream?range=no-such-range").then().statusCode(400);
        given().cookie(SESSION_COOKIE, session).when().get("/q/metrics").then().statusCode(403);
    }

    @Test
    void signingOutDeletesTheSessionCookie() {
        String session = session(TestCredentials.VIEWER);

        Response signedOut = given().redirects().follow(false).cookie(SESSION_COOKIE, session).when().post(SignOutResource.PATH);

        signedOut.then().statusCode(303).header("Location", endsWith(SignInPage.PATH));
        Map<String, String> cookie = setCookie(signedOut, SESSION_COOKIE);
        assertEquals("", cookie.get(SESSION_COOKIE));
        assertEquals("0", cookie.get("max-age"));
        assertEquals("/", cookie.get("path"));
    }

    @Test
    void aWrongPasswordGoesBackToTheSignInPageSayingSo() {
        Response failed = signIn(TestCredentials.VIEWER, NewCredentials.password());

        failed.then().statusCode(302).header("Location", endsWith(SignInPage.PATH + "?failed=true"));
        assertNull(failed.getCookie(SESSION_COOKIE), "no session");
        given().when().get(SignInPage.PATH + "?failed=true").then().statusCode(200)
                .body(containsString("Wrong user name or password"));
        given().when().get(SignInPage.PATH).then().statusCode(200)
                .body(containsString("<form id=\"sign-in\""), not(containsString("Wrong user name or password")));
    }

    @Test
    void aUserWithoutTheViewerRoleSignsInButMayNotSeeThePage() {
        String session = session(TestCredentials.NOBODY);

        given().cookie(SESSION_COOKIE, session).when().get("/").then().statusCode(403)
                .contentType(containsString("application/json")).body("error", not(emptyOrNullString()));
    }

    @Test
    void aMadeUpSessionCookieIsNoSession() {
        String madeUp = NewCredentials.key();

        given().redirects().follow(false).cookie(SESSION_COOKIE, madeUp).when().get("/").then().statusCode(302);
        given().cookie(SESSION_COOKIE, madeUp).when().get("/history").then().statusCode(401)
                .contentType(containsString("application/json"));
    }

    /**
     * The form's sign-ins are throttled as HTTP Basic's are: after five failures a user's attempts are refused unchecked
     * for a while that doubles with each further failure. Three such failures, each once the previous while has
     * passed, make that while 4 s, in which even the right password is refused.
     */
    @Test
    void repeatedFailuresOnTheFormMakeTheUserWait() throws InterruptedException {
        String user = TestCredentials.NOBODY;
        for (int failure = 1; failure <= 6; failure++) {
            signIn(user, NewCredentials.password()).then().statusCode(302).header("Location", endsWith("?failed=true"));
        }
        Thread.sleep(1_200);
        signIn(user, NewCredentials.password()).then().header("Location", endsWith("?failed=true"));
        Thread.sleep(2_200);
        signIn(user, NewCredentials.password()).then().header("Location", endsWith("?failed=true"));

        signIn(user, TestCredentials.password(user)).then().statusCode(302).header("Location", endsWith("?failed=true"));

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> signIn(user, TestCredentials.password(user)).getCookie(SESSION_COOKIE) != null);
    }

    @Test
    void analyticsIsAskedWithTheDashboardsKeyNeverWithAVisitorsCredentials() {
        Caller.VIEWER.on(given()).when().get("/history").then().statusCode(200);
        Caller.VIEWER_KEY.on(given()).queryParam("from", "2026-10-01T00:00:00Z").queryParam("to", "2026-10-02T00:00:00Z")
                .when().get("/range").then().statusCode(200);
        given().cookie(SESSION_COOKIE, session(TestCredentials.VIEWER)).when().get("/history").then().statusCode(200);

        assertEquals(Set.of("Bearer " + analytics.key()), analytics.authorizations());
    }

    /** Posts the sign-in form, as the sign-in page does. */
    static Response signIn(String user, String password) {
        return given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password)
                .when().post(SignInPage.FORM_POST);
    }

    /** A session cookie of {@code user}'s, signed in with the right password. */
    static String session(String user) {
        String session = signIn(user, TestCredentials.password(user)).getCookie(SESSION_COOKIE);
        assertNotNull(session, user + " signed in");
        return session;
    }

    /** The one {@code Set-Cookie} of {@code name}: its value under its name, then its attributes by lower-case name. */
    private static Map<String, String> setCookie(Response response, String name) {
        List<String> cookies = response.headers().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "=")).toList();
        assertEquals(1, cookies.size(), "Set-Cookie of " + name + ": " + cookies);
        return Arrays.stream(cookies.get(0).split(";"))
                .map(String::trim)
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(
                        part -> part[0].equals(name) ? name : part[0].toLowerCase(Locale.ROOT),
                        part -> part.length > 1 ? part[1] : ""));
    }

    private static Map<String, String> withoutValue(Map<String, String> cookie) {
        return cookie.entrySet().stream().filter(entry -> !entry.getKey().equals(SESSION_COOKIE))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
