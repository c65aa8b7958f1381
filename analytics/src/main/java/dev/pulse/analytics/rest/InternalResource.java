package dev.pulse.analytics.rest;

import jakarta.ws.rs.Path;

import dev.pulse.analytics.query.Cluster;
import dev.pulse.analytics.query.FanOut;
import dev.pulse.analytics.query.InternalQueries;
import dev.pulse.analytics.query.LocalCounts;
import dev.pulse.analytics.query.LocalPageHistory;
import dev.pulse.analytics.query.LocalPageStats;
import dev.pulse.analytics.query.LocalStatsStore;
import dev.pulse.analytics.query.TimeRange;
import io.smallrye.mutiny.Uni;

/** This instance's own share of a query, for the instance that fans out. */
@Path("/internal")
public class InternalResource implements InternalQueries {

    private final LocalStatsStore local;
    private final Cluster cluster;
    private final QueryParameters parameters;

    InternalResource(LocalStatsStore local, Cluster cluster, QueryParameters parameters) {
        this.local = local;
        this.cluster = cluster;
        this.parameters = parameters;
    }

    @Override
    public Uni<LocalCounts> counts(String from, String to, String name) {
        TimeRange range = parameters.range(from, to);
        String page = QueryParameters.page(name);
        return FanOut.onWorker(() -> page == null ? local.counts(range) : local.counts(page, partitionOf(page), range));
    }

    @Override
    public Uni<LocalPageStats> pages(String from, String to) {
        TimeRange range = parameters.range(from, to);
        return FanOut.onWorker(() -> local.pages(range));
    }

    @Override
    public Uni<LocalPageHistory> pageHistory(String from, String to, String name) {
        TimeRange range = parameters.range(from, to);
        String page = QueryParameters.requiredPage(name);
        return FanOut.onWorker(() -> local.pageHistory(page, partitionOf(page), range));
    }

    private int partitionOf(String page) {
        return cluster.owner(page).partition();
    }
}
