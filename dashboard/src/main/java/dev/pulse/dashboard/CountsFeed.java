package dev.pulse.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The live view's feed, which every browser on the live view shares: once per tick (1 s) the latest window's
 * counts, then at once the top pages of the last 5 minutes (and the totals of the 5 minutes before, for the
 * headline's change) and the page stats of that latest window. Each tick carries only what the page shows (see
 * {@link LiveStats#of}), however many pages analytics counts. See {@link SharedFeed} for how it is shared.
 */
@ApplicationScoped
public class CountsFeed implements Feed {

    /** As many pages as analytics ranks: the chart's pages are looked up among the latest window's. */
    static final int MAX_PAGES = 1000;

    private final AnalyticsClient analytics;
    private final RangeQueries ranges;
    private final int topPages;
    private final SharedFeed shared;

    public CountsFeed(@RestClient AnalyticsClient analytics, RangeQueries ranges, DashboardConfig config,
            MeterRegistry registry, ObjectMapper json) {
        this.analytics = analytics;
        this.ranges = ranges;
        this.topPages = config.topPages();
        this.shared = new SharedFeed(Preset.LIVE.key(), config.tick(), this::poll, config, registry, json);
    }

    @Override
    public Multi<FeedTick> subscribe() {
        return shared.subscribe();
    }

    @Override
    public int connectedClients() {
        return shared.connectedClients();
    }

    /** The result of the most recent poll; {@code null} until a browser has connected once. */
    SharedFeed.PollOutcome lastOutcome() {
        return shared.lastOutcome();
    }

    /**
     * Ends every stream at the next tick, so that graceful shutdown need not wait its whole timeout for browsers
     * to hang up (they reconnect, to another instance or to this one restarted). This event comes before the
     * HTTP server waits for open requests; {@code ShutdownEvent} would come only after that wait.
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        shared.stop();
    }

    private Uni<LiveStats> poll() {
        return analytics.latest()
                .flatMap(counts -> Uni.combine().all().unis(
                        ranges.ranked(null, null),
                        analytics.pages(counts.windowStart(), counts.windowStart(), MAX_PAGES))
                        .with((recent, window) -> LiveStats.of(counts, recent, window, topPages, MAX_PAGES)));
    }
}
