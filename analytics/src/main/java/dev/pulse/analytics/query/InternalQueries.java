package dev.pulse.analytics.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

/**
 * What an instance asks another for: that instance's own share of a query, from its active stores. Served by
 * {@code rest.InternalResource}, called through {@link Peers}. An instance answering never asks further, so a
 * query costs one hop. Times are ISO-8601 instants, as in the public API. Left out of the OpenAPI document: it is
 * not for clients.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface InternalQueries {

    /** Views per window and page, for every page this instance counts or for {@code name} only. */
    @GET
    @Path("/counts/history")
    @Operation(hidden = true)
    Uni<LocalCounts> counts(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("name") String name);

    /** Each page's stats over the whole range, as sketches, for every page this instance counts. */
    @GET
    @Path("/pages")
    @Operation(hidden = true)
    Uni<LocalPageStats> pages(@QueryParam("from") String from, @QueryParam("to") String to);

    /** One page's stats per window, as sketches. */
    @GET
    @Path("/pages/history")
    @Operation(hidden = true)
    Uni<LocalPageHistory> pageHistory(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("name") String name);
}
