package dev.pulse.dashboard;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/** What the page shows of a time range, asked of analytics: the top pages, the previous period and the chart. */
@ApplicationScoped
public class RangeQueries {

    static final String CUSTOM = "custom";

    private final AnalyticsClient analytics;
    private final DashboardConfig config;

    public RangeQueries(@RestClient AnalyticsClient analytics, DashboardConfig config) {
        this.analytics = analytics;
        this.config = config;
    }

    /**
     * The top pages and totals of {@code from}–{@code to} with those of the period before, and the views per window
     * at the resolution analytics picks for that length: three calls, the comparison once the range is known.
     */
    Uni<RangeStats> stats(String range, Instant from, Instant to) {
        return Uni.combine().all().unis(ranked(from, to), analytics.history(from, to))
                .with((ranked, history) -> new RangeStats(range, ranked.ranking(), ranked.previous(),
                        RangeChart.of(history, ranked.ranking().pages().stream().map(PageSummary::name).toList())));
    }

    /**
     * A range of the user's choosing. No shared feed can serve every possible range, so each is asked for when a
     * browser wants it; kept for {@code quarkus.cache.caffeine."custom-range".expire-after-write}, so that a link
     * opened by many, or a page refreshing a range that includes now, does not ask analytics again each time.
     * Failures are not kept.
     */
    @CacheResult(cacheName = "custom-range")
    public Uni<RangeStats> custom(Instant from, Instant to) {
        return stats(CUSTOM, from, to).onFailure().transform(AnalyticsRefusal::forClients);
    }

    /**
     * The top pages and totals of {@code from}–{@code to} (both null: analytics' default, the last 5 minutes), then
     * those of the period before: that period is known once analytics has said what it covered.
     */
    Uni<Ranked> ranked(Instant from, Instant to) {
        return analytics.pages(from, to, config.topPages())
                .flatMap(ranking -> previousOf(ranking).map(previous -> new Ranked(ranking, previous)));
    }

    /**
     * The totals of the period as long as {@code current} that ends where it starts. Analytics refuses a period
     * older than it keeps: the range is then shown without a change rather than not at all.
     */
    private Uni<PreviousPeriod> previousOf(PageRanking current) {
        Duration length = Duration.between(current.from(), current.to());
        Instant from = current.from().minus(length);
        // current.from is a window's start, and analytics counts every window starting at or before `to`: ending a
        // millisecond earlier keeps that window, already in the current period, out of the previous one.
        Instant to = current.from().minusMillis(1);
        return analytics.pages(from, to, 1)
                .map(previous -> PreviousPeriod.of(previous, current.totals()))
                .onFailure(failure -> AnalyticsRefusal.of(failure).isPresent())
                .recoverWithItem(() -> PreviousPeriod.notKept(from, current.from()));
    }

    /** A range's top pages and the period before it. */
    record Ranked(PageRanking ranking, PreviousPeriod previous) {
    }
}
