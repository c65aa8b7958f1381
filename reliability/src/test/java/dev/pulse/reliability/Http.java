package dev.pulse.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.testing.RunCredentials;

/**
 * Plain JDK HTTP for the suite: the services are black boxes reached over loopback, with access on as deployed. Reads
 * go with the viewer's key and events with the ingest key (both of {@link RunCredentials}); metrics, for admins
 * only, as the admin user over HTTP Basic.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VIEWER = "Bearer " + RunCredentials.key(RunCredentials.VIEWER_KEY_NAME);
    static final String INGEST = "Bearer " + RunCredentials.key(RunCredentials.INGEST_KEY_NAME);
    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString(
            (RunCredentials.ADMIN + ":" + RunCredentials.password(RunCredentials.ADMIN)).getBytes(StandardCharsets.UTF_8));

    /** Longer than the producer's own 15 s wait for Kafka, so that its verdict, not ours, ends a request. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {
    }

    static HttpResponse<String> get(String url) {
        return get(url, VIEWER);
    }

    /** GET as the admin: metrics. */
    static HttpResponse<String> getAsAdmin(String url) {
        return get(url, ADMIN);
    }

    private static HttpResponse<String> get(String url, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).header("Authorization", authorization)
                .GET().build());
    }

    /** POST with the ingest key. */
    static HttpResponse<String> post(String url, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType).header("Authorization", INGEST)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** POST {@code body} with {@code headers} (name, value, name, value...), and no others: a browser's beacon. */
    static HttpResponse<String> post(String url, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** GET {@code url}, which must answer 200 with JSON. */
    static JsonNode getJson(String url) {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** The value of the Prometheus counter or gauge {@code name} (without labels) at {@code metricsUrl}. */
    static double metric(String metricsUrl, String name) {
        HttpResponse<String> response = getAsAdmin(metricsUrl);
        return response.body().lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " at " + metricsUrl));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + abbreviate(json), e);
        }
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
