package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.List;

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
 * <p>
 * Every query names the windows to read exactly, as {@link Segment}s (a resolution, and the window starts
 * {@code [from, to)}), so that all instances read the same windows whatever their clocks. The paths name
 * resolutions: a release that keeps none answers 404, and counts as an instance that did not answer.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface InternalQueries {

    /** Views per window of {@code resolution} and page, for every page this instance counts. */
    @GET
    @Path("/resolutions/{resolution}/counts/history")
    @Operation(hidden = true)
    Uni<LocalCounts> counts(@RestPath String resolution, @RestQuery Instant from, @RestQuery Instant to);

    /** Views per window of {@code resolution} of page {@code name}, from {@code partition}. */
    @GET
    @Path("/resolutions/{resolution}/partitions/{partition}/counts/history")
    @Operation(hidden = true)
    Uni<LocalCounts> pageCounts(@RestPath String resolution, @RestPath int partition, @RestQuery String name,
            @RestQuery Instant from, @RestQuery Instant to);

    /**
     * Each page's stats over the windows of every {@code segment} ({@code resolution/from/to}, see
     * {@link Segment#wire()}), as sketches, for every page this instance counts.
     */
    @GET
    @Path("/tiled/pages")
    @Operation(hidden = true)
    Uni<LocalPageStats> pages(@RestQuery List<String> segment);

    /** Page {@code name}'s stats per window of {@code resolution}, as sketches, from {@code partition}. */
    @GET
    @Path("/resolutions/{resolution}/partitions/{partition}/pages/history")
    @Operation(hidden = true)
    Uni<LocalPageHistory> pageHistory(@RestPath String resolution, @RestPath int partition, @RestQuery String name,
            @RestQuery Instant from, @RestQuery Instant to);
}
