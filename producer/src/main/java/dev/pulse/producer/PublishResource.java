package dev.pulse.producer;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.pulse.event.ErrorResponse;
import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.Violation;
import dev.pulse.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/publish")
@Tag(name = "Workshop")
public class PublishResource {

    private final RandomViewPublisher publisher;
    private final SecurityIdentity caller;

    PublishResource(RandomViewPublisher publisher, SecurityIdentity caller) {
        this.publisher = publisher;
        this.caller = caller;
    }

    @GET
    @Path("/{topic}/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @Operation(summary = "Publish a random view of a page (workshop route)",
            description = "Writes a view of page {name} by a random user U0 to U9, lasting a random 0 to 9000 ms, "
                    + "dated now, to {topic}, which must be allow-listed (pulse.producer.publish.allowed-topics). "
                    + "Answers the event written, once Kafka acknowledged it.")
    @APIResponse(responseCode = "202", description = "The event written and acknowledged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageEvent.class)))
    @APIResponse(responseCode = "400", description = "The page name breaks the event rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "403", description = "The topic is not allow-listed; nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the event in time",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<PageEvent> publish(
            @Parameter(description = "Topic to write to; must be allow-listed", example = "page-events") @PathParam("topic") String topic,
            @Parameter(description = "Page name, the record key", example = "P1") @PathParam("name") @Encoded String name)
            throws InvalidPageEventException {
        String decoded = StrictPathDecoder.decode(name).orElseThrow(() -> new InvalidPageEventException(
                new Violation(0, "name", "must be percent-encoded UTF-8")));
        return publisher.publish(topic, decoded, Callers.name(caller));
    }
}
