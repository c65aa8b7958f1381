package dev.pulse.consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.pulse.event.CommonErrorMappers;
import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The {@link CommonErrorMappers} every service shares, through this service's endpoints: whatever fails, the
 * answer is an error body in JSON, with the status and headers the failure calls for. Invalid query parameters
 * are covered with the endpoint that has them, in {@link ConsumerResourceTest}.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class CommonErrorMappersTest {

    /** Endpoints that fail on purpose; they exist only in this test's application. */
    @Path("/test/failing")
    public static class FailingResource {

        @GET
        @Path("bug")
        public String bug() {
            throw new IllegalStateException("a bug, with internals the client must not see");
        }

        @GET
        @Path("busy")
        public String busy() {
            throw new WebApplicationException("come back later", Response.status(429).header(HttpHeaders.RETRY_AFTER, "7").build());
        }
    }

    @Test
    void aMethodNotAllowedIsA405WithAJsonError() {
        given().contentType(ContentType.JSON).body("{}").when().post("/stats").then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("error", equalTo("HTTP 405 Method Not Allowed"))
                .body("violations", nullValue());
    }

    @Test
    void aStatusRaisedByTheApplicationKeepsItsHeadersAndMessage() {
        given().when().get("/test/failing/busy").then()
                .statusCode(429)
                .contentType(ContentType.JSON)
                .header(HttpHeaders.RETRY_AFTER, equalTo("7"))
                .body("error", equalTo("come back later"));
    }

    @Test
    void anUnknownPathIsA404WithAJsonError() {
        given().when().get("/no/such/path").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Unable to find matching target resource method"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatHidesItsDetails() {
        given().when().get("/test/failing/bug").then()
                .statusCode(500)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Internal error"));
    }
}
