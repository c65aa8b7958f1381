package dev.pulse.producer.tracker;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.pulse.event.ErrorResponse;
import dev.pulse.event.InvalidPageEventException;
import dev.pulse.producer.AcceptedResponse;
import dev.pulse.producer.EventBatchReader;
import dev.pulse.producer.PageEventSender;
import dev.pulse.producer.PulseProducerConfig;
import io.smallrye.mutiny.Uni;

/**
 * The tracker's beacon endpoint: what {@code pulse.js} sends with {@code navigator.sendBeacon}, a {@code text/plain}
 * body (no CORS preflight) holding JSON events. Only pages of allowed origins get here ({@link BeaconOrigins});
 * the body is read and checked exactly as {@code POST /events} reads and checks JSON.
 */
@Path(BeaconResource.PATH)
@Tag(name = "Tracker")
public class BeaconResource {

    public static final String PATH = "/beacon";

    private final EventBatchReader reader;
    private final PageEventSender sender;
    private final BotUserAgents bots;
    private final long maxBodySize;

    BeaconResource(EventBatchReader reader, PageEventSender sender, BotUserAgents bots, PulseProducerConfig config) {
        this.reader = reader;
        this.sender = sender;
        this.bots = bots;
        this.maxBodySize = config.tracker().maxBodySize().asLongValue();
    }

    @POST
    @Consumes({ MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Send the tracker's events (the beacon of pulse.js)",
            description = "For pages of the origins in pulse.producer.tracker.allowed-origins only (others: 403). "
                    + "The body is one event or a JSON array, as text/plain (what navigator.sendBeacon sends, with no "
                    + "CORS preflight) or application/json, read and checked as POST /events reads JSON: all or nothing. "
                    + "Beacons from bots (by User-Agent) are answered {\"accepted\": 0} and not written.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, examples = {
            @ExampleObject(name = "a page opened",
                    value = "{\"name\": \"/docs\", \"user\": \"6f1c…\", \"duration\": 0, \"kind\": \"view\", \"view\": \"a41e…\"}"),
            @ExampleObject(name = "the visitor left it",
                    value = "{\"name\": \"/docs\", \"user\": \"6f1c…\", \"duration\": 5320, \"kind\": \"leave\", \"view\": \"a41e…\"}") }))
    @APIResponse(responseCode = "202", description = "Every event was acknowledged by Kafka (none written for a bot)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AcceptedResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid, unreadable or no events; nothing was sent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "403", description = "The page's Origin is not in pulse.producer.tracker.allowed-origins",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "413", description = "Body larger than pulse.producer.tracker.max-body-size",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "415", description = "Content-Type is neither text/plain nor application/json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<AcceptedResponse> post(byte[] body, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent)
            throws InvalidPageEventException {
        // A declared Content-Length over the limit was answered before the body was read (RequestBodyLimit); this
        // catches chunked bodies, cut by Vert.x only at the service-wide limit.
        if (body.length > maxBodySize) {
            throw new ClientErrorException("The beacon is larger than the limit of " + maxBodySize + " bytes",
                    Status.REQUEST_ENTITY_TOO_LARGE);
        }
        if (bots.countIfBot(userAgent)) {
            return Uni.createFrom().item(new AcceptedResponse(0));
        }
        return sender.send(reader.read(body, EventBatchReader.Format.JSON), PageEventSender.TRACKER).map(AcceptedResponse::new);
    }
}
