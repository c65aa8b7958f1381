package dev.pulse.producer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.pulse.event.ErrorResponse;
import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final EventBatchReader reader;
    private final PageEventSender sender;
    private final SecurityIdentity caller;

    EventsResource(EventBatchReader reader, PageEventSender sender, SecurityIdentity caller) {
        this.reader = reader;
        this.sender = sender;
        this.caller = caller;
    }

    // Returning a Uni keeps the request on the event loop (Quarkus REST reads bodies over its input
    // buffer on a worker first); the answer is written when Kafka has acknowledged. A request without
    // Content-Type comes here too: Quarkus REST reads it as */*, which both methods match, and picks this one
    // (declared first, and first by name); bodyWithoutContentTypeIsReadAsJson holds it to that.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Send page-view events to Kafka",
            description = "Accepts one event or a JSON array of events (application/json), or NDJSON "
                    + "(application/x-ndjson: one event per line, blank lines ignored). A missing date is set to "
                    + "the time of receipt. All or nothing: if any event is invalid, nothing is sent and every "
                    + "violation is listed with the event's index (0 for a single event, the array position, or "
                    + "the rank among non-blank NDJSON lines; -1 for content outside any event). 202 is answered "
                    + "only once Kafka acknowledged every record (acks=all). A request without Content-Type is read as JSON.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { PageEvent.class, PageEvent[].class }),
                    examples = {
                            @ExampleObject(name = "one event",
                                    value = "{\"name\": \"P1\", \"user\": \"U1\", \"date\": \"2026-11-24T10:15:30.123Z\", \"duration\": 4312}"),
                            @ExampleObject(name = "several events",
                                    value = "[{\"name\": \"P1\", \"user\": \"U1\", \"duration\": 4312}, {\"name\": \"P2\", \"user\": \"U2\", \"duration\": 120}]") }),
            // No example: the OpenAPI generator would read it as one JSON document.
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
                    description = "One JSON event per line, e.g. {\"name\": \"P1\", \"user\": \"U1\", \"duration\": 4312}")) })
    @APIResponse(responseCode = "202", description = "Every event was acknowledged by Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AcceptedResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid, unreadable or no events; nothing was sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "413", description = "Body larger than pulse.producer.max-body-size",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "415", description = "Content-Type is neither application/json nor application/x-ndjson",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge every event in time; retry later "
            + "(some events of the request may have been written)",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<AcceptedResponse> post(byte[] body) throws InvalidPageEventException {
        return send(body, EventBatchReader.Format.JSON);
    }

    @POST
    @Consumes(NDJSON)
    @ResponseStatus(202)
    // Documented above: one operation whose request body has both content types.
    @Operation(hidden = true)
    public Uni<AcceptedResponse> postNdjson(byte[] body) throws InvalidPageEventException {
        return send(body, EventBatchReader.Format.NDJSON);
    }

    private Uni<AcceptedResponse> send(byte[] body, EventBatchReader.Format format) throws InvalidPageEventException {
        return sender.send(reader.read(body, format), Callers.name(caller)).map(AcceptedResponse::new);
    }
}
