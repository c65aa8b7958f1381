package dev.pulse.analytics.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
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

import dev.pulse.analytics.query.PageHistory;
import dev.pulse.analytics.query.PageOrder;
import dev.pulse.analytics.query.PageQueryService;
import dev.pulse.analytics.query.PageRanking;
import dev.pulse.analytics.query.TimeRange;
import dev.pulse.event.ErrorResponse;
import io.smallrye.mutiny.Uni;

@Path("/pages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pages", description = "Views, distinct visitors and time on page per page, for every page of every instance")
@APIResponse(responseCode = "400", description = "A parameter is invalid: a time is not ISO-8601, from is after to or "
        + "older than any window kept, sort, top or resolution is not allowed, or name is missing",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
@APIResponse(responseCode = "503", description = "Stats cannot be read now (Kafka Streams not running, or tasks moving "
        + "between instances); retry after the seconds in Retry-After",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorResponse.class)))
public class PagesResource {

    /** The resolution parameter of the history endpoints. */
    static final String RESOLUTION = "The windows' length: PT5S, PT1M, PT1H or P1D (as configured); default: the "
            + "finest still kept over the range whose windows there number at most pulse.analytics.max-points (300), "
            + "else the coarsest";

    private final PageQueryService pages;
    private final QueryParameters parameters;

    PagesResource(PageQueryService pages, QueryParameters parameters) {
        this.pages = pages;
        this.parameters = parameters;
    }

    @GET
    @Operation(summary = "The top pages over a time range, and the totals of all pages", description = """
            Every event in [from, to] counts once, read from the coarsest windows that fit inside the range and finer \
            ones towards its edges; where an edge falls inside a window of the finest resolution still kept there, the \
            whole window counts, and from and to in the answer say what was covered. Visitors are distinct users, \
            estimated with an HLL sketch (relative standard error 1.6 %), never more than the views; totals.visitors counts \
            each visitor once across all pages. duration is the time on page, in milliseconds, of the visits that ended \
            in the range, whenever their view was: p50 and p95 from a KLL sketch (rank error 1.33 %), the exact mean; \
            null when no visit ended in it. So a page can have 0 views and a duration (its visitors came before from \
            and left after it), and sort=duration ranks it as any other. "partial": true means an instance did not answer: the pages \
            shown are exact, the pages it holds and their share of the totals are missing.""")
    @APIResponse(responseCode = "200", description = "The ranking and the totals")
    public Uni<PageRanking> ranking(
            @Parameter(description = "Start, ISO-8601 instant; default: 5 minutes before to") @RestQuery Instant from,
            @Parameter(description = "End, ISO-8601 instant; default: now") @RestQuery Instant to,
            @Parameter(description = "How many pages, 1 to 1000") @RestQuery @DefaultValue("10") @Min(1) @Max(1000)
            int top,
            @Parameter(description = "views (default), visitors, duration (median time on page) or name",
                    schema = @Schema(enumeration = { "views", "visitors", "duration", "name" }))
            @RestQuery @DefaultValue("views") PageOrder sort) {
        return pages.ranking(parameters.range(from, to), sort, top);
    }

    @GET
    @Path("/history")
    @Operation(summary = "One page's stats per window over a time range", description = """
            Every window overlapping [from, to] in which the page has views or a visit ended (a window with 0 views and \
            a duration: the visit's view is in an earlier window), in time order, all of one resolution, answered by \
            the instance that owns the page.""")
    @APIResponse(responseCode = "200", description = "The page's windows")
    public Uni<PageHistory> history(
            @Parameter(description = "The page (any characters, URL-encoded)", required = true) @RestQuery String name,
            @Parameter(description = "Start, ISO-8601 instant; default: 5 minutes before to") @RestQuery Instant from,
            @Parameter(description = "End, ISO-8601 instant; default: now") @RestQuery Instant to,
            @Parameter(description = RESOLUTION) @RestQuery String resolution) {
        String page = QueryParameters.requiredPage(name);
        TimeRange range = parameters.range(from, to);
        return pages.history(page, range, parameters.resolution(resolution, range));
    }
}
