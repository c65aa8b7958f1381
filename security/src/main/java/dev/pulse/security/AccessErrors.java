package dev.pulse.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.ErrorResponse;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refused requests answered like every other error of Pulse, with an {@link ErrorResponse}: {@code 401} when the
 * caller is not authenticated (no credentials, or credentials refused), with the schemes it may use; {@code 403}
 * when it is, but its role falls short. Quarkus would answer both with an empty body.
 */
@ApplicationScoped
public class AccessErrors {

    /** What a caller without credentials is told (by {@link KeyAuthentication}'s challenge). */
    static final String CREDENTIALS_REQUIRED = "Authentication required: send a key (Authorization: Bearer) "
            + "or a user's name and password (HTTP Basic)";
    private static final String SCHEMES = "Basic realm=\"Pulse\", Bearer";
    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(AccessErrors::oneAuthorization).failureHandler(AccessErrors::answer);
    }

    /**
     * A request with two {@code Authorization} headers is refused before any is read: Quarkus would check the first
     * only, and which one a proxy on the way keeps is a guess.
     */
    private static void oneAuthorization(RoutingContext request) {
        if (request.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            request.fail(CredentialsRejected.because("Send one Authorization header, not several"));
        } else {
            request.next();
        }
    }

    private static void answer(RoutingContext request) {
        Throwable failure = request.failure();
        if (request.response().headWritten()) {
            request.next();
        } else if (failure instanceof ForbiddenException) {
            send(request.response().setStatusCode(403), "Forbidden: your role does not allow this request");
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            String reason = CredentialsRejected.reasonIn(failure);
            unauthorized(request.response(), reason != null ? reason
                    : failure instanceof UnauthorizedException ? CREDENTIALS_REQUIRED : "Authentication failed");
        } else {
            request.next();
        }
    }

    /** A {@code 401}: what went wrong, and the schemes to authenticate with. */
    static void unauthorized(HttpServerResponse response, String message) {
        send(response.setStatusCode(401).putHeader("WWW-Authenticate", SCHEMES), message);
    }

    private static void send(HttpServerResponse response, String message) {
        try {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(JSON.writeValueAsString(ErrorResponse.of(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An error body always serializes", e);
        }
    }
}
