package dev.pulse.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A session ends once it goes unused for {@code quarkus.http.auth.form.timeout}: 8 hours, here 2 seconds. */
@QuarkusTest
@TestProfile(SessionExpiryTest.ShortSessions.class)
@WithTestResource(FakeAnalytics.class)
@WithTestResource(TestCredentials.class)
class SessionExpiryTest {

    public static class ShortSessions implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.form.timeout", "2s");
        }
    }

    @Test
    void anUnusedSessionEndsAndThePageSendsTheBrowserToSignInAgain() {
        String session = DashboardAccessTest.session(TestCredentials.VIEWER);
        given().cookie(DashboardAccessTest.SESSION_COOKIE, session).when().get("/").then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().redirects().follow(false).cookie(DashboardAccessTest.SESSION_COOKIE, session)
                        .when().get("/").statusCode() == 302);
        given().redirects().follow(false).cookie(DashboardAccessTest.SESSION_COOKIE, session).when().get("/").then()
                .header("Location", endsWith(SignInPage.PATH));
    }
}
