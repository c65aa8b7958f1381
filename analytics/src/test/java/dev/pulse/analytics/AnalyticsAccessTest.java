package dev.pulse.analytics;

import static dev.pulse.analytics.CountResponses.WINDOW;
import static dev.pulse.analytics.CountResponses.windowOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.AccessMatrix;
import dev.pulse.testing.AccessMatrix.Row;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Analytics' rows of the access table (README, Access), asked by every kind of caller: the read endpoints answer
 * viewers (and admins), the internal API the peer key alone.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
class AnalyticsAccessTest {

    static Stream<AccessMatrix.Case> table() {
        // The internal API reads the windows it is told: whole windows of a resolution, from before to.
        Instant from = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        String window = "from=" + from + "&to=" + from.plus(WINDOW);
        return AccessMatrix.cases(
                Row.get("/instances").roles(200, "viewer"),
                Row.get("/counts").roles(200, "viewer"),
                Row.get("/counts/history").roles(200, "viewer"),
                Row.get("/pages").roles(200, "viewer"),
                Row.get("/pages/history?name=access").roles(200, "viewer"),
                Row.get("/internal/resolutions/PT5S/counts/history?" + window).roles(200, "peer"),
                Row.get("/internal/resolutions/PT5S/partitions/0/counts/history?name=access&" + window).roles(200, "peer"),
                Row.get("/internal/tiled/pages?segment=PT5S/" + from + "/" + from.plus(WINDOW)).roles(200, "peer"),
                Row.get("/internal/resolutions/PT5S/partitions/0/pages/history?name=access&" + window).roles(200, "peer"));
    }

    /** The queries answer 503 until Kafka Streams first runs: the table is about access, asked once it does. */
    @BeforeEach
    void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(AccessMatrix.Case row) {
        row.check();
    }
}
