package dev.pulse.dashboard;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pulse.event.ErrorResponse;
import io.smallrye.mutiny.Uni;

/** A custom range of the page's picker; the preset ranges are streams, {@code GET /stream?range=}. */
@Path(RangeResource.PATH)
public class RangeResource {

    static final String PATH = "/range";

    private final RangeQueries queries;

    public RangeResource(RangeQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The top pages, the headline and the chart of a time range",
            description = "The top pages and totals over [from, to] as analytics covers it (edges rounded outward to "
                    + "windows), the change against the period of the same length before it, and the views per window "
                    + "at the resolution analytics picks. Identical requests within a few seconds share one answer.")
    @APIResponse(responseCode = "400", description = "A parameter is missing or not an ISO-8601 instant, or analytics "
            + "refused the range (from after to, wider than it keeps); the error says which",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "503", description = "Analytics unreachable; retry after the Retry-After seconds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<RangeStats> range(
            @Parameter(description = "Start, ISO-8601 instant") @RestQuery @NotNull Instant from,
            @Parameter(description = "End, ISO-8601 instant") @RestQuery @NotNull Instant to) {
        return queries.custom(from, to);
    }
}
