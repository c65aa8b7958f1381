package dev.pulse.analytics.rest;

import java.time.Instant;
import java.util.List;

import dev.pulse.analytics.query.InternalQueries;
import dev.pulse.analytics.query.LocalCounts;
import dev.pulse.analytics.query.LocalPageHistory;
import dev.pulse.analytics.query.LocalPageStats;
import dev.pulse.analytics.query.LocalStatsStore;
import io.smallrye.mutiny.Uni;

/** This instance's own share of a query, for the instance that fans out; paths and parameters as declared there. */
public class InternalResource implements InternalQueries {

    private final LocalStatsStore local;
    private final QueryParameters parameters;

    InternalResource(LocalStatsStore local, QueryParameters parameters) {
        this.local = local;
        this.parameters = parameters;
    }

    @Override
    public Uni<LocalCounts> counts(String resolution, Instant from, Instant to) {
        return local.counts(parameters.segment(resolution, from, to));
    }

    @Override
    public Uni<LocalCounts> pageCounts(String resolution, int partition, String name, Instant from, Instant to) {
        String page = QueryParameters.requiredPage(name);
        return local.counts(page, partition, parameters.segment(resolution, from, to));
    }

    @Override
    public Uni<LocalPageStats> pages(List<String> segment) {
        return local.pages(segment.stream().map(parameters::segment).toList());
    }

    @Override
    public Uni<LocalPageHistory> pageHistory(String resolution, int partition, String name, Instant from, Instant to) {
        String page = QueryParameters.requiredPage(name);
        return local.pageHistory(page, partition, parameters.segment(resolution, from, to));
    }
}
