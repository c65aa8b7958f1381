package dev.pulse.analytics.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.pulse.analytics.query.CountsUnavailableException;
import dev.pulse.event.CommonErrorMappers;
import dev.pulse.event.ErrorResponse;

/** The answers to analytics' own exceptions, in the form every Pulse service gives ({@link CommonErrorMappers}). */
public class ErrorMappers {

    /** Tasks settle within a rebalance, which takes seconds: ask again soon rather than hammer. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidQuery(InvalidQueryException e) {
        return CommonErrorMappers.error(Status.BAD_REQUEST, ErrorResponse.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unavailable(CountsUnavailableException e) {
        return CommonErrorMappers.error(Status.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
