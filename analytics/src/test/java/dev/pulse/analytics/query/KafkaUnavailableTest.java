package dev.pulse.analytics.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pulse.testing.TempDirs;
import dev.pulse.testing.UnreachableKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * No broker answers: readiness says DOWN and why, within its timeout, while Kafka Streams waits and the service
 * stays live; counts are answered 503.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.UnreachableKafkaWithState.class)
class KafkaUnavailableTest {

    public static class UnreachableKafkaWithState extends UnreachableKafka {
        @Override
        protected Map<String, String> settings() {
            return Map.of("kafka-streams.state.dir", TempDirs.create("pulse-streams-").toString());
        }
    }

    @Test
    void notReadyBecauseTheBrokerDoesNotAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka topics' }.status", is("DOWN"))
                .body("checks.find { it.name == 'Kafka topics' }.data.kafka", is("no answer within PT1S"));
    }

    @Test
    void stillLive() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void countsAreUnavailable() {
        given().when().get("/counts").then().statusCode(503);
    }
}
