package dev.pulse.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.pulse.security.NewCredentials;
import io.restassured.specification.RequestSpecification;

/**
 * The access table of a service as a test: every endpoint ({@link Row}) asked by every kind of {@link Caller}, each
 * answer checked against what the table says. A caller whose credentials are refused gets {@code 401} everywhere,
 * open endpoints included (Quarkus authenticates whatever credentials come); one without credentials gets
 * {@code 401} where a role is needed; one whose role falls short {@code 403}; both with the error body, and the
 * {@code 401} with the schemes to use.
 */
public final class AccessMatrix {

    private AccessMatrix() {
    }

    /**
     * The rows every service shares ({@code AccessRules}): its health open, its metrics for admins, its API
     * description for viewers, a path no row names for admins.
     */
    private static final List<Row> SHARED = List.of(
            Row.get("/q/health/live").open(200),
            Row.get("/q/health/ready").open(200),
            Row.get("/q/metrics").roles(200, "admin"),
            Row.get("/q/openapi").roles(200, "viewer"),
            Row.get("/q/swagger-ui/").roles(200, "viewer"),
            Row.get("/no-such-endpoint").roles(404, "admin"));

    /** Every row of the service, and every row services share, asked by every caller. */
    public static Stream<Case> cases(Row... rows) {
        List<Case> cases = new ArrayList<>();
        for (Row row : Stream.concat(Stream.of(rows), SHARED.stream()).toList()) {
            for (Caller caller : Caller.values()) {
                cases.add(new Case(row, caller));
            }
        }
        return cases.stream();
    }

    /** Who asks, with which credentials, and which roles they stand for once accepted. */
    public enum Caller {
        NO_CREDENTIALS(Set.of(), request -> request),
        ADMIN(Set.of("admin", "viewer", "ingest"), basic(TestCredentials.ADMIN, TestCredentials.password(TestCredentials.ADMIN))),
        VIEWER(Set.of("viewer"), basic(TestCredentials.VIEWER, TestCredentials.password(TestCredentials.VIEWER))),
        USER_WITHOUT_ROLE(Set.of(), basic(TestCredentials.NOBODY, TestCredentials.password(TestCredentials.NOBODY))),
        INGEST_KEY(Set.of("ingest"), bearer(TestCredentials.key(TestCredentials.INGEST_KEY_NAME))),
        OTHER_INGEST_KEY(Set.of("ingest"), bearer(TestCredentials.key(TestCredentials.OTHER_INGEST_KEY_NAME))),
        VIEWER_KEY(Set.of("viewer"), bearer(TestCredentials.key(TestCredentials.VIEWER_KEY_NAME))),
        PEER_KEY(Set.of("peer"), bearer(TestCredentials.key(TestCredentials.PEER_KEY_NAME))),
        WRONG_PASSWORD(null, basic(TestCredentials.ADMIN, NewCredentials.password())),
        UNKNOWN_USER(null, basic("no-such-user", NewCredentials.password())),
        REVOKED_KEY(null, bearer(TestCredentials.revokedKey())),
        /** An ingest key with a character changed. */
        ALTERED_KEY(null, bearer(altered(TestCredentials.key(TestCredentials.INGEST_KEY_NAME)))),
        FORGED_TOKEN(null, bearer(jwt("HS256", Instant.now().plusSeconds(600)) + NewCredentials.password())),
        EXPIRED_TOKEN(null, bearer(jwt("HS256", Instant.now().minusSeconds(600)) + NewCredentials.password())),
        UNSIGNED_TOKEN(null, bearer(jwt("none", Instant.now().plusSeconds(600)))),
        MALFORMED_BASIC(null, header("Basic %%% not base64 %%%")),
        BASIC_WITHOUT_COLON(null, header("Basic " + base64("admin"))),
        EMPTY_BEARER(null, header("Bearer ")),
        OVERSIZED_AUTHORIZATION(null, header("Bearer " + "k".repeat(6_000))),
        /** Two keys: which one counts would be a guess. */
        REPEATED_AUTHORIZATION(null, request -> request
                .header("Authorization", "Bearer " + TestCredentials.key(TestCredentials.INGEST_KEY_NAME))
                .header("Authorization", "Bearer " + TestCredentials.revokedKey()));

        /** The roles its credentials stand for; {@code null}: credentials that are refused. */
        private final Set<String> roles;
        private final UnaryOperator<RequestSpecification> credentials;

        Caller(Set<String> roles, UnaryOperator<RequestSpecification> credentials) {
            this.roles = roles;
            this.credentials = credentials;
        }

        boolean refused() {
            return roles == null;
        }

        public RequestSpecification on(RequestSpecification request) {
            return credentials.apply(request);
        }

        private static UnaryOperator<RequestSpecification> basic(String user, String password) {
            return header("Basic " + base64(user + ":" + password));
        }

        private static UnaryOperator<RequestSpecification> bearer(String token) {
            return header("Bearer " + token);
        }

        private static UnaryOperator<RequestSpecification> header(String authorization) {
            return request -> request.header("Authorization", authorization);
        }

        private static String base64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        private static String altered(String key) {
            char last = key.charAt(key.length() - 1);
            return key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        }

        /** A JSON Web Token's header and claims, and the dot before a signature that whoever appends it made up. */
        private static String jwt(String algorithm, Instant expiry) {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}";
            String claims = "{\"sub\":\"" + TestCredentials.ADMIN + "\",\"groups\":[\"admin\"],\"exp\":" + expiry.getEpochSecond() + "}";
            return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
        }
    }

    /** One endpoint of the table: a request, who may send it, and the status they get. */
    public static final class Row {

        private final String method;
        private final String path;
        private final Map<String, String> headers = new HashMap<>();
        private String contentType;
        private String body;
        /** {@code null}: anyone. */
        private Set<String> roles;
        private int allowed = 200;
        private int withoutCredentials = 401;

        private Row(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public static Row get(String path) {
            return new Row("GET", path);
        }

        public static Row post(String path, String contentType, String body) {
            return new Row("POST", path).withBody(contentType, body);
        }

        public static Row put(String path, String contentType, String body) {
            return new Row("PUT", path).withBody(contentType, body);
        }

        private Row withBody(String contentType, String body) {
            this.contentType = contentType;
            this.body = body;
            return this;
        }

        public Row header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Open to anyone, answering {@code status}. */
        public Row open(int status) {
            this.roles = null;
            this.allowed = status;
            return this;
        }

        /** For callers with one of {@code roles}, answering them {@code status}. */
        public Row roles(int status, String... roles) {
            this.roles = Set.of(roles);
            this.allowed = status;
            return this;
        }

        /** What a caller without credentials gets instead of {@code 401} (a browser's page: the sign-in page). */
        public Row withoutCredentials(int status) {
            this.withoutCredentials = status;
            return this;
        }

        int expected(Caller caller) {
            if (caller.refused()) {
                return 401;
            }
            if (roles == null) {
                return allowed;
            }
            if (caller == Caller.NO_CREDENTIALS) {
                return withoutCredentials;
            }
            return caller.roles.stream().anyMatch(roles::contains) ? allowed : 403;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A row asked by a caller. */
    public record Case(Row row, Caller caller) {

        public void check() {
            RequestSpecification request = caller.on(given().redirects().follow(false));
            request.headers(row.headers);
            if (row.body != null) {
                request.contentType(row.contentType).body(row.body);
            }
            int expected = row.expected(caller);
            var answer = request.request(row.method, row.path).then().statusCode(expected);
            if (expected == 401) {
                answer.header("WWW-Authenticate", not(emptyOrNullString()))
                        .contentType(containsString("application/json"))
                        .body("error", not(emptyOrNullString()));
            } else if (expected == 403 && row.roles != null) {
                answer.contentType(containsString("application/json")).body("error", not(emptyOrNullString()));
            }
        }

        @Override
        public String toString() {
            return row + " by " + caller;
        }
    }
}
