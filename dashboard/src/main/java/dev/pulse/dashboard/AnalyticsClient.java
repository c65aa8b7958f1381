package dev.pulse.dashboard;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The analytics service's query API (see ARCHITECTURE.md); address and timeouts under {@code quarkus.rest-client.analytics}. */
@RegisterRestClient(configKey = "analytics")
@Path("/counts")
public interface AnalyticsClient {

    @GET
    Uni<CountsSnapshot> latest();

    @GET
    @Path("/history")
    Uni<CountsHistory> history(@QueryParam("from") Instant from, @QueryParam("to") Instant to);
}
