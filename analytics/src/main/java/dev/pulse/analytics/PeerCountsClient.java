package dev.pulse.analytics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** Another instance's {@link InternalCountsResource}, built per instance by {@link Peers}. */
@Path("/internal/counts")
public interface PeerCountsClient extends AutoCloseable {

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<LocalCounts> history(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("name") String name);
}
