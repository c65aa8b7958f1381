package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.pulse.testing.UnreachableKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** No broker answers: readiness says DOWN and names the broker check, while the service itself stays live. */
@QuarkusTest
@TestProfile(UnreachableKafka.class)
class KafkaUnavailableTest {

    @Test
    void notReadyBecauseTheBrokerDoesNotAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka broker' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka broker' }.data.error", containsString("no answer from the broker"));
    }

    @Test
    void stillLive() {
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
