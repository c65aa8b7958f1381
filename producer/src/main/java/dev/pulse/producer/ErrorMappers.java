package dev.pulse.producer;

import java.io.IOException;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.pulse.event.ErrorResponse;
import dev.pulse.event.InvalidPageEventException;
import dev.pulse.producer.tracker.BeaconResource;

/** Every error this service answers is JSON ({@link ErrorResponse}), never HTML or an empty body. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final String retryAfterSeconds;

    ErrorMappers(PulseProducerConfig config) {
        this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    }

    @ServerExceptionMapper
    public Response invalidEvents(InvalidPageEventException e) {
        return json(Response.status(Status.BAD_REQUEST),
                new ErrorResponse("Invalid page events; nothing was sent", e.violations()));
    }

    @ServerExceptionMapper
    public Response topicNotAllowed(TopicNotAllowedException e) {
        return json(Response.status(Status.FORBIDDEN), ErrorResponse.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailableException e) {
        return json(Response.status(Status.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds),
                ErrorResponse.of("Kafka did not acknowledge the events in time; retry later "
                        + "(some events of this request may have been written)"));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        String accepted = BeaconResource.PATH.equals(uri.getPath())
                ? MediaType.TEXT_PLAIN + " or " + MediaType.APPLICATION_JSON
                : MediaType.APPLICATION_JSON + " or " + EventsResource.NDJSON;
        return json(Response.status(Status.UNSUPPORTED_MEDIA_TYPE), ErrorResponse.of("Content-Type must be " + accepted));
    }

    /** Whatever Quarkus REST or this service raises with a status (404, 405, 406, 400 "no events"...). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return json(Response.fromResponse(e.getResponse()), ErrorResponse.of(e.getMessage()));
    }

    /** The client went away mid-body, or Vert.x cut (and already answered 413 to) an oversized chunked body. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        LOG.debugf("Request body could not be read: %s", e);
        return json(Response.status(Status.BAD_REQUEST), ErrorResponse.of("The request body could not be read"));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error while handling a request", e);
        return json(Response.status(Status.INTERNAL_SERVER_ERROR), ErrorResponse.of("Internal error"));
    }

    private static Response json(Response.ResponseBuilder builder, ErrorResponse body) {
        return builder.entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
