package dev.pulse.consumer;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.pulse.event.ErrorResponse;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consumption", description = "What this consumer instance has read from page-events since it started")
public class ConsumerResource {

    private final ConsumptionTally tally;

    ConsumerResource(ConsumptionTally tally) {
        this.tally = tally;
    }

    @GET
    @Path("stats")
    @Operation(summary = "Totals: events consumed, records dead-lettered, events per page")
    public ConsumerStats stats() {
        return tally.stats();
    }

    @GET
    @Path("events/recent")
    @Operation(summary = "The latest consumed events, newest first, with the partition and offset each came from")
    @APIResponse(responseCode = "200", description = "Up to limit events")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to the number of events kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public List<RecentEvent> recent(
            @Parameter(description = "How many events (1 to 100 by default; all kept events when absent)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @RestQuery String limit) {
        return tally.recent(parseLimit(limit));
    }

    // A String parameter rather than int: JAX-RS answers an unconvertible query parameter with 404, not 400.
    private int parseLimit(String limit) {
        int max = tally.recentCapacity();
        if (limit == null) {
            return max;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the value the client sent.
        }
        String shown = limit.length() > 20 ? limit.substring(0, 20) + "…" : limit;
        throw new InvalidQueryParameterException(
                "limit must be a whole number from 1 to " + max + ", got \"" + shown + "\"");
    }

    @ServerExceptionMapper
    RestResponse<ErrorResponse> invalidQueryParameter(InvalidQueryParameterException e) {
        return RestResponse.status(RestResponse.Status.BAD_REQUEST, ErrorResponse.of(e.getMessage()));
    }
}
