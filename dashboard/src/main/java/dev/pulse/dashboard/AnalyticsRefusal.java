package dev.pulse.dashboard;

import java.util.Optional;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import dev.pulse.event.ErrorResponse;

/**
 * Analytics answered 400 to a range query: a range it cannot serve (from after to, wider than it keeps, a
 * resolution it does not keep). Retrying will not help, so browsers are told analytics' own reason rather than
 * that it is unreachable.
 */
class AnalyticsRefusal extends RuntimeException {

    AnalyticsRefusal(String reason) {
        super(reason);
    }

    /** The refusal {@code failure} is, if it is one. */
    static Optional<AnalyticsRefusal> of(Throwable failure) {
        if (failure instanceof WebApplicationException rejected
                && rejected.getResponse().getStatus() == Response.Status.BAD_REQUEST.getStatusCode()) {
            return Optional.of(new AnalyticsRefusal(reasonIn(rejected.getResponse())));
        }
        return Optional.empty();
    }

    /** Analytics' error body says why; anything else in a 400 still says that it refused. */
    private static String reasonIn(Response response) {
        try {
            ErrorResponse error = response.readEntity(ErrorResponse.class);
            if (error != null && error.error() != null) {
                return error.error();
            }
        } catch (ProcessingException | IllegalStateException notTheSharedErrorBody) {
            // Fall through to the status alone.
        }
        return "analytics answered 400";
    }

    /** Turns a 400 from analytics into a refusal and anything else into {@link AnalyticsUnavailableException}. */
    static RuntimeException forClients(Throwable failure) {
        return of(failure).<RuntimeException> map(refusal -> refusal)
                .orElseGet(() -> new AnalyticsUnavailableException(failure));
    }
}
