package dev.pulse.dashboard;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** What the page's script reads: the live stream and the history that fills the chart on load. */
@Path("/")
public class StreamResource {

    private final CountsFeed feed;
    private final AnalyticsClient analytics;
    private final DashboardConfig config;

    public StreamResource(CountsFeed feed, @RestClient AnalyticsClient analytics, DashboardConfig config) {
        this.feed = feed;
        this.analytics = analytics;
        this.config = config;
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live count snapshots and page stats",
            description = "Server-sent events on each tick: `counts` carries analytics' GET /counts answer, then `pages` "
                    + "({\"recent\": the GET /pages answer for the last 5 minutes, \"window\": every page of the latest "
                    + "window}); or `status` ({\"status\": \"analytics unreachable\", \"detail\": ...}) says why there "
                    + "are none. The stream does not end while the dashboard runs.")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return feed.subscribe().onItem().transformToIterable(tick -> tick.messages().stream()
                .map(message -> sse.newEventBuilder().name(message.name()).data(message.json()).build())
                .toList());
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent windows, to fill the chart on load",
            description = "Analytics' GET /counts/history for the last pulse.dashboard.backfill (default 5 minutes).")
    @APIResponse(responseCode = "503", description = "Analytics unreachable; retry after the Retry-After seconds")
    public Uni<CountsHistory> history() {
        Instant to = Instant.now();
        return analytics.history(to.minus(config.backfill()), to)
                .onFailure().transform(AnalyticsUnavailableException::new);
    }

}
