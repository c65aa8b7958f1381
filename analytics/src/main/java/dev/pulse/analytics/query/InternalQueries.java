package dev.pulse.analytics.query;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/**
 * What an instance asks another for: that instance's own share of a query, from its active stores. Served by
 * {@code rest.InternalResource}, called through {@link Peers}; the one declaration of the internal API. An
 * instance answering never asks further, so a query costs one hop, and a one-page query names the partition
 * the asking instance found the page in, so that the owner is looked up once. Times are ISO-8601 instants, as
 * in the public API. Left out of the OpenAPI document: it is not for clients.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface InternalQueries {

    /** Views per window and page, for every page this instance counts. */
    @GET
    @Path("/counts/history")
    @Operation(hidden = true)
    Uni<LocalCounts> counts(@RestQuery Instant from, @RestQuery Instant to);

    /** Views per window of page {@code name}, from {@code partition}. */
    @GET
    @Path("/partitions/{partition}/counts/history")
    @Operation(hidden = true)
    Uni<LocalCounts> pageCounts(@RestPath int partition, @RestQuery String name, @RestQuery Instant from,
            @RestQuery Instant to);

    /** Each page's stats over the whole range, as sketches, for every page this instance counts. */
    @GET
    @Path("/pages")
    @Operation(hidden = true)
    Uni<LocalPageStats> pages(@RestQuery Instant from, @RestQuery Instant to);

    /** Page {@code name}'s stats per window, as sketches, from {@code partition}. */
    @GET
    @Path("/partitions/{partition}/pages/history")
    @Operation(hidden = true)
    Uni<LocalPageHistory> pageHistory(@RestPath int partition, @RestQuery String name, @RestQuery Instant from,
            @RestQuery Instant to);
}
