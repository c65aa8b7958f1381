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

import dev.pulse.testing.KafkaBrokerTestResource;
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
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}(-gz)?\""))
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
    void isGzippedForBrowsersThatAcceptItEachFormWithItsOwnEtag() throws IOException, InterruptedException {
        HttpResponse<byte[]> gzipped = get("gzip, deflate, br", null);
        assertThat(gzipped.statusCode(), is(200));
        assertThat(gzipped.headers().firstValue("Content-Encoding").orElse("none"), is("gzip"));
        assertThat(gzipped.headers().firstValue("Vary").orElse(""), containsString("Accept-Encoding"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(gzipped.body().length, lessThan(unzipped.length / 2));

        HttpResponse<byte[]> plain = get(null, null);
        assertThat(plain.statusCode(), is(200));
        assertThat(plain.headers().firstValue("Content-Encoding").isPresent(), is(false));
        assertThat("the same script", unzipped, is(plain.body()));

        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        String plainEtag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipEtag, not(is(plainEtag)));
        assertThat(get("gzip", gzipEtag).statusCode(), is(304));
        assertThat(get(null, plainEtag).statusCode(), is(304));
        assertThat("another form's ETag is another content", get(null, gzipEtag).statusCode(), is(200));
    }

    /** The JDK's client sends no Accept-Encoding of its own and leaves bodies as they come. */
    private HttpResponse<byte[]> get(String acceptEncoding, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(script.toString()));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
