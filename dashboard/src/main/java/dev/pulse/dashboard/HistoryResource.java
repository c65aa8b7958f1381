package dev.pulse.dashboard;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

/** The history that fills the page's chart on load; the live stream is {@link EventStreamRoute}. */
@Path("/")
public class HistoryResource {

    static final String PATH = "/history";

    private final AnalyticsClient analytics;
    private final DashboardConfig config;

    public HistoryResource(@RestClient AnalyticsClient analytics, DashboardConfig config) {
        this.analytics = analytics;
        this.config = config;
    }

    @GET
    @Path(PATH)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recent windows, to fill the chart on load",
            description = "The views per window over the last pulse.dashboard.backfill (default 5 minutes), from analytics' "
                    + "GET /counts/history: of all pages, and of the pulse.dashboard.top-pages pages with the most views "
                    + "over that time, which the chart draws on their own.")
    @APIResponse(responseCode = "503", description = "Analytics unreachable; retry after the Retry-After seconds")
    public Uni<RangeChart> history() {
        Instant to = Instant.now();
        return analytics.history(to.minus(config.backfill()), to)
                .map(history -> RangeChart.of(history, RangeChart.topPages(history, config.topPages())))
                .onFailure().transform(AnalyticsUnavailableException::new);
    }
}
