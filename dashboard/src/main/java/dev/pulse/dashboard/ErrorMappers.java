package dev.pulse.dashboard;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.pulse.event.CommonErrorMappers;
import dev.pulse.event.ErrorResponse;

/** The dashboard's own errors, beside the {@link CommonErrorMappers} every service shares. */
public class ErrorMappers {

    private final String retryAfterSeconds;

    ErrorMappers(DashboardConfig config) {
        // The next tick's poll may find analytics back.
        this.retryAfterSeconds = Long.toString(Math.max(1, config.tick().toSeconds()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> analyticsUnavailable(AnalyticsUnavailableException e) {
        return CommonErrorMappers.error(Status.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    /** Analytics' 400 for a range, passed on with its reason: the range is the client's to change. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> analyticsRefused(AnalyticsRefusal e) {
        return CommonErrorMappers.error(Status.BAD_REQUEST,
                ErrorResponse.of(AnalyticsStatus.REFUSED + ": " + e.getMessage())).build();
    }
}
