package dev.pulse.analytics.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.pulse.analytics.query.CountsUnavailableException;
import dev.pulse.event.ErrorResponse;

/** Turns the service's exceptions into the JSON error responses every Pulse service gives. */
public class ErrorMappers {

    /** Tasks settle within a rebalance, which takes seconds: ask again soon rather than hammer. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidQuery(InvalidQueryException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.BAD_REQUEST, ErrorResponse.of(e.getMessage()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unavailable(CountsUnavailableException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
