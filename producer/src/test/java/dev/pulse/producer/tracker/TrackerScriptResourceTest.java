package dev.pulse.producer.tracker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import dev.pulse.kafka.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** GET /pulse.js: the tracker as the application packages it, small, cacheable and revalidated by ETag. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
class TrackerScriptResourceTest {

    /** "A few KB at most", with room to grow; the README gives the current size. */
    private static final int MAX_BYTES = 4 * 1024;

    @TestHTTPResource("/pulse.js")
    URL script;

    @Test
    void servesTheScriptWithAnEtagAndAnHourOfCaching() {
        Response response = given().when().get("/pulse.js");
        response.then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("max-age=3600"))
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\""))
                .body(containsString("navigator.sendBeacon"));
        assertThat(response.asByteArray().length, lessThan(MAX_BYTES));
    }

    @Test
    void answersNotModifiedToItsOwnEtag() {
        String etag = given().when().get("/pulse.js").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/pulse.js")
                .then().statusCode(304).header("ETag", etag).body(is(emptyString()));
        given().header("If-None-Match", "\"an-older-version\"").when().get("/pulse.js")
                .then().statusCode(200).body(not(emptyString()));
    }

    @Test
    void isGzippedForBrowsersThatAcceptIt() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(script.toString())).header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode(), is(200));
        assertThat(response.headers().firstValue("Content-Encoding").orElse("none"), is("gzip"));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
        assertThat(response.body().length, lessThan(plain.length / 2));
        assertThat(new String(plain, java.nio.charset.StandardCharsets.UTF_8), containsString("navigator.sendBeacon"));
    }
}
