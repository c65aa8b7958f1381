package dev.pulse.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
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
import io.restassured.path.json.JsonPath;

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
        String range = "must be greater than 0 and at most 10000 events per second";
        return Stream.of(
                Arguments.of("{\"rate\": 0}", "rate", range),
                Arguments.of("{\"rate\": -5}", "rate", range),
                Arguments.of("{\"rate\": 10001}", "rate", range),
                Arguments.of("{\"rate\": 1e400}", "rate", range),
                Arguments.of("{\"rate\": \"50\"}", "rate", "must be a number"),
                Arguments.of("{\"rate\": true}", "rate", "must be a number"),
                Arguments.of("{\"rate\": null}", "rate", "must be a number, not null"),
                Arguments.of("{\"rate\": [50]}", "rate", "must be a number"),
                Arguments.of("{\"paused\": \"false\"}", "paused", "must be true or false"),
                Arguments.of("{\"paused\": 0}", "paused", "must be true or false"),
                Arguments.of("{\"paused\": null}", "paused", "must be true or false, not null"),
                Arguments.of("{\"rate\": 5, \"speed\": 3}", "speed", "is not a known field (fields: paused, rate)"),
                Arguments.of("[{\"rate\": 5}]", null, "must be a JSON object"),
                Arguments.of("\"fast\"", null, "must be a JSON object"),
                Arguments.of("{\"rate\": 5", null, "is not valid JSON: Unexpected end-of-input"),
                Arguments.of("{\"rate\": 5, \"rate\": 6}", null, "is not valid JSON: Duplicate field 'rate'"),
                // Quarkus REST hands an empty body to the method as null: the body parameter's own constraint.
                Arguments.of("", "body", "must be a JSON object with rate, paused or both"),
                Arguments.of("null", "body", "must be a JSON object with rate, paused or both"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsAre400NamingTheFieldAndChangeNothing(String body, String field, String reason) {
        GeneratorStatus before = GeneratorApi.status();

        // Jackson's own account follows "is not valid JSON: "; every other reason is exactly the one expected.
        JsonPath error = GeneratorApi.put(body)
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("violations", hasSize(1))
                .body("violations[0].field", field == null ? nullValue() : is(field))
                .body("violations[0].reason", reason.startsWith("is not valid JSON") ? startsWith(reason) : is(reason))
                .extract().jsonPath();
        assertEquals("Invalid request: " + (field == null ? "body" : field) + " " + error.getString("violations[0].reason"),
                error.getString("error"));

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
