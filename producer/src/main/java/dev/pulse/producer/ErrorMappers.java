package dev.pulse.producer;

import java.io.IOException;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.pulse.event.CommonErrorMappers;
import dev.pulse.event.ErrorResponse;
import dev.pulse.event.InvalidPageEventException;
import dev.pulse.producer.tracker.BeaconResource;

/** The producer's own errors, beside the {@link CommonErrorMappers} every service shares. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final String retryAfterSeconds;

    ErrorMappers(PulseProducerConfig config) {
        this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> invalidEvents(InvalidPageEventException e) {
        return CommonErrorMappers.error(Status.BAD_REQUEST, new ErrorResponse("Invalid page events; nothing was sent", e.violations())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> topicNotAllowed(TopicNotAllowedException e) {
        return CommonErrorMappers.error(Status.FORBIDDEN, ErrorResponse.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> kafkaUnavailable(KafkaUnavailableException e) {
        return CommonErrorMappers.error(Status.SERVICE_UNAVAILABLE, ErrorResponse.of("Kafka did not acknowledge the events "
                + "in time; retry later (some events of this request may have been written)"))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        String accepted = BeaconResource.PATH.equals(uri.getPath())
                ? MediaType.TEXT_PLAIN + " or " + MediaType.APPLICATION_JSON
                : MediaType.APPLICATION_JSON + " or " + EventsResource.NDJSON;
        return CommonErrorMappers.error(Status.UNSUPPORTED_MEDIA_TYPE, ErrorResponse.of("Content-Type must be " + accepted)).build();
    }

    /** The client went away mid-body, or Vert.x cut (and already answered 413 to) an oversized chunked body. */
    @ServerExceptionMapper
    public RestResponse<ErrorResponse> unreadableBody(IOException e) {
        LOG.debugf("Request body could not be read: %s", e);
        return CommonErrorMappers.error(Status.BAD_REQUEST, ErrorResponse.of("The request body could not be read")).build();
    }
}
