package dev.pulse.analytics.rest;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pulse.analytics.query.CountQueryService;
import dev.pulse.analytics.query.CountsHistory;
import dev.pulse.analytics.query.CountsSnapshot;
import dev.pulse.analytics.query.TimeRange;
import dev.pulse.analytics.streams.Resolution;
import dev.pulse.event.ErrorResponse;
import io.smallrye.mutiny.Uni;

@Path("/counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Counts", description = "Page views per page and window, for every page of every instance")
@APIResponse(responseCode = "503", description = "Counts cannot be read now (Kafka Streams not running, or tasks moving "
        + "between instances); retry after the seconds in Retry-After",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
public class CountsResource {

    private final CountQueryService counts;
    private final QueryParameters parameters;

    CountsResource(CountQueryService counts, QueryParameters parameters) {
        this.counts = counts;
        this.parameters = parameters;
    }

    @GET
    @Operation(summary = "Every page's count in the latest window", description = CountQueryService.LATEST_WINDOW
            + " \"partial\": true means an instance did not answer: the counts shown are exact, the pages it holds are"
            + " missing.")
    @APIResponse(responseCode = "200", description = "The latest window's counts")
    public Uni<CountsSnapshot> latest() {
        return counts.latest(Instant.now());
    }

    @GET
    @Path("/history")
    @Operation(summary = "Counts per window over a time range, for every page or one", description = """
            Every window overlapping [from, to] (windowStart <= to and windowEnd > from) that holds a count, \
            in time order, all of one resolution; only pages with views appear in a window. With name, only that page, answered by the \
            instance that owns it. "partial": true means an instance did not answer: the counts shown are exact, \
            the pages it holds are missing.""")
    @APIResponse(responseCode = "200", description = "The windows and their counts")
    @APIResponse(responseCode = "400", description = "A time is not ISO-8601, from is after to or older than any "
            + "window kept, or the resolution is unknown or no longer kept over the range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
    public Uni<CountsHistory> history(
            @Parameter(description = "Start, ISO-8601 instant; default: 5 minutes before to") @RestQuery Instant from,
            @Parameter(description = "End, ISO-8601 instant; default: now") @RestQuery Instant to,
            @Parameter(description = "Only this page (any characters, URL-encoded); absent or empty: every page")
            @RestQuery String name,
            @Parameter(description = PagesResource.RESOLUTION) @RestQuery String resolution) {
        TimeRange range = parameters.range(from, to);
        Resolution windows = parameters.resolution(resolution, range);
        String page = QueryParameters.page(name);
        return page == null ? counts.allPages(range, windows) : counts.onePage(page, range, windows);
    }
}
