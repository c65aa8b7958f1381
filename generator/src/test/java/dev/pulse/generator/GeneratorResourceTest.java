package dev.pulse.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class GeneratorResourceTest {

    @AfterEach
    void pause() {
        GeneratorApi.put(GeneratorApi.PAUSED_AT_ONE_PER_SECOND).statusCode(200);
    }

    @Test
    void statusShowsTheConfiguredSettingsAndCounters() {
        given().when().get("/generator").then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("rate", is(1.0f))
                .body("paused", is(true))
                .body("pages", contains("generator-test-page-a", "generator-test-page-b"))
                .body("users", contains("generator-test-user-a", "generator-test-user-b"))
                .body("maxDurationMs", is(9000))
                .body("sent", greaterThanOrEqualTo(0))
                .body("dropped", greaterThanOrEqualTo(0))
                .body("failed", is(0));
    }

    @Test
    void eachFieldIsOptionalAndTheOtherKeepsItsValue() {
        GeneratorApi.put("{\"rate\": 7.5}").statusCode(200).body("rate", is(7.5f)).body("paused", is(true));
        GeneratorApi.put("{\"paused\": false}").statusCode(200).body("rate", is(7.5f)).body("paused", is(false));
        GeneratorApi.put("{}").statusCode(200).body("rate", is(7.5f)).body("paused", is(false));
        GeneratorStatus status = GeneratorApi.status();
        assertEquals(7.5, status.rate());
        assertEquals(false, status.paused());
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("{\"rate\": 0}", "rate"),
                Arguments.of("{\"rate\": -5}", "rate"),
                Arguments.of("{\"rate\": 10001}", "rate"),
                Arguments.of("{\"rate\": 1e400}", "rate"),
                Arguments.of("{\"rate\": \"50\"}", "rate"),
                Arguments.of("{\"rate\": true}", "rate"),
                Arguments.of("{\"rate\": null}", "rate"),
                Arguments.of("{\"rate\": [50]}", "rate"),
                Arguments.of("{\"paused\": \"false\"}", "paused"),
                Arguments.of("{\"paused\": 0}", "paused"),
                Arguments.of("{\"paused\": null}", "paused"),
                Arguments.of("{\"rate\": 5, \"speed\": 3}", "speed"),
                Arguments.of("[{\"rate\": 5}]", null),
                Arguments.of("\"fast\"", null),
                Arguments.of("{\"rate\": 5", null),
                Arguments.of("", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsAre400NamingTheFieldAndChangeNothing(String body, String field) {
        GeneratorStatus before = GeneratorApi.status();

        GeneratorApi.put(body)
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", containsString(field == null ? "body" : field))
                .body("violations[0].field", field == null ? nullValue() : is(field))
                .body("violations[0].reason", not(emptyOrNullString()));

        GeneratorStatus after = GeneratorApi.status();
        assertEquals(before.rate(), after.rate());
        assertEquals(before.paused(), after.paused());
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        given().contentType(ContentType.TEXT).body("rate=5").when().put("/generator").then().statusCode(415);
    }

    @Test
    void readinessReportsTheKafkaChannel() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.data.page-events", hasItem("[OK]"));
    }

    @Test
    void metricsExposeTheGeneratorCounters() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("pulse_generator_events_sent_total"))
                .body(containsString("pulse_generator_events_dropped_total"))
                .body(containsString("pulse_generator_events_failed_total"))
                .body(containsString("pulse_generator_rate 0.0"));
    }

    @Test
    void openApiDescribesTheUpdateBody() {
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/generator'.put.requestBody.content.'application/json'.schema.$ref", is("#/components/schemas/GeneratorUpdate"))
                .body("components.schemas.GeneratorUpdate.properties.keySet()", contains("rate", "paused"));
    }
}
