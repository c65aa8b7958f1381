package dev.pulse.analytics;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * This instance's own share of a query, for the instance that fans out. Never asks further, so a query
 * costs one hop. Left out of the OpenAPI document: it is not for clients.
 */
@Path("/internal/counts")
@Produces(MediaType.APPLICATION_JSON)
public class InternalCountsResource {

    private final LocalCountStore local;
    private final AnalyticsConfig config;

    InternalCountsResource(LocalCountStore local, AnalyticsConfig config) {
        this.local = local;
        this.config = config;
    }

    @GET
    @Path("/history")
    @Operation(hidden = true)
    public LocalCounts history(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("name") String name) {
        TimeRange range = TimeRange.parse(from, to, Instant.now(), config.maxHistoryRange());
        return name == null || name.isEmpty() ? local.allPages(range) : local.onePage(name, range);
    }
}
