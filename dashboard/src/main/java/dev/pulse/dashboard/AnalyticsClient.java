package dev.pulse.dashboard;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * The analytics service's query API; address and timeouts under {@code quarkus.rest-client.analytics}. Every call
 * carries the dashboard's key ({@link AnalyticsCredential}).
 */
@RegisterRestClient(configKey = "analytics")
@RegisterClientHeaders(AnalyticsCredential.class)
@Path("/")
public interface AnalyticsClient {

    /** Every page's count in the latest window. */
    @GET
    @Path("counts")
    Uni<CountsSnapshot> latest();

    @GET
    @Path("counts/history")
    Uni<CountsHistory> history(@QueryParam("from") Instant from, @QueryParam("to") Instant to);

    /** The top pages over {@code from}–{@code to} (each null: analytics' default, the last 5 minutes) by views. */
    @GET
    @Path("pages")
    Uni<PageRanking> pages(@QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("top") int top);
}
