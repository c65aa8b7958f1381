package dev.pulse.generator;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The generator's REST API as the tests use it. */
final class GeneratorApi {

    static final String PAUSED_AT_ONE_PER_SECOND = "{\"rate\": 1, \"paused\": true}";

    private GeneratorApi() {
    }

    static ValidatableResponse put(String body) {
        return given().contentType(ContentType.JSON).body(body).when().put("/generator").then();
    }

    static GeneratorStatus status() {
        return given().when().get("/generator").then().statusCode(200).extract().as(GeneratorStatus.class);
    }
}
