package dev.pulse.producer;

import static dev.pulse.producer.PageEventsTopic.event;
import static dev.pulse.producer.PageEventsTopic.uniquePage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pulse.testing.UnreachableKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Kafka cannot be reached: requests are answered 503 with Retry-After, and readiness says DOWN. */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.UnreachableKafkaShortTimeouts.class)
class KafkaUnavailableTest {

    public static class UnreachableKafkaShortTimeouts extends UnreachableKafka {
        @Override
        protected Map<String, String> settings() {
            // Timeouts short enough for a test.
            return Map.of(
                    "mp.messaging.outgoing.page-events.max.block.ms", "500",
                    "mp.messaging.outgoing.page-events.request.timeout.ms", "500",
                    "mp.messaging.outgoing.page-events.delivery.timeout.ms", "1000",
                    "mp.messaging.outgoing.page-events.health-topic-verification-timeout", "1000",
                    "pulse.producer.ack-timeout", "3s",
                    "pulse.producer.retry-after", "7s");
        }
    }

    @Test
    void postIsAnswered503WithRetryAfter() {
        given().contentType(ContentType.JSON).body(event(uniquePage(), "U1", 1))
                .when().post("/events")
                .then().statusCode(503).contentType(ContentType.JSON)
                .header("Retry-After", "7")
                .body("error", containsString("retry later"));
    }

    @Test
    void publishIsAnswered503WithRetryAfter() {
        given().when().get("/publish/page-events/" + uniquePage())
                .then().statusCode(503).contentType(ContentType.JSON)
                .header("Retry-After", "7");
    }

    @Test
    void invalidEventsAreStill400() {
        given().contentType(ContentType.JSON).body(event("", "U1", 1))
                .when().post("/events")
                .then().statusCode(400).body("violations[0].field", is("name"));
    }

    @Test
    void notReady() {
        given().when().get("/q/health/ready")
                .then().statusCode(503).body("status", is("DOWN"));
    }
}
