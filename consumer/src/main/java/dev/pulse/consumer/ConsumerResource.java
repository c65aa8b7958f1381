package dev.pulse.consumer;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

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
                    schema = @Schema(minimum = "1"))
            @RestQuery @RecentLimit Integer limit) {
        return tally.recent(limit == null ? tally.recentCapacity() : limit);
    }
}
