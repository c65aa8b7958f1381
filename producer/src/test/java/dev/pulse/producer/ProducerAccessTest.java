package dev.pulse.producer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.producer.tracker.BeaconResourceTest;
import dev.pulse.testing.AccessMatrix;
import dev.pulse.testing.AccessMatrix.Caller;
import dev.pulse.testing.AccessMatrix.Row;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The producer's rows of the access table (README, Access), asked by every kind of caller. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
class ProducerAccessTest {

    static Stream<AccessMatrix.Case> table() {
        return AccessMatrix.cases(
                Row.get("/pulse.js").open(200),
                Row.post("/beacon", BeaconResourceTest.BEACON_TYPE, BeaconResourceTest.tracker("access-beacon", "view", 0, "v-1"))
                        .header("Origin", BeaconResourceTest.SITE).header("User-Agent", BeaconResourceTest.BROWSER)
                        .open(202),
                Row.post("/events", "application/json", PageEventsTopic.event("access-events", "U1", 500)).roles(202, "ingest"),
                Row.get("/publish/page-events/access-publish").roles(202, "ingest"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(AccessMatrix.Case row) {
        row.check();
    }

    @Test
    void countsAcceptedEventsPerKeyName() {
        double before = accepted(TestCredentials.INGEST_KEY_NAME);
        double otherBefore = accepted(TestCredentials.OTHER_INGEST_KEY_NAME);

        Caller.INGEST_KEY.on(given()).contentType(ContentType.JSON)
                .body("[" + PageEventsTopic.event("per-key", "U1", 500) + "," + PageEventsTopic.event("per-key", "U2", 500) + "]")
                .when().post("/events")
                .then().statusCode(202).body("accepted", is(2));

        assertEquals(before + 2, accepted(TestCredentials.INGEST_KEY_NAME));
        assertEquals(otherBefore, accepted(TestCredentials.OTHER_INGEST_KEY_NAME));
    }

    /** {@code pulse_producer_events_accepted_total} of {@code caller}, 0 before its first event. */
    private static double accepted(String caller) {
        String metrics = Caller.ADMIN.on(given()).when().get("/q/metrics").then().statusCode(200).extract().asString();
        String series = "pulse_producer_events_accepted_total{caller=\"" + caller + "\"";
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
