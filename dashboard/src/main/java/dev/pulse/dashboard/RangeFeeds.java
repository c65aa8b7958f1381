package dev.pulse.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Uni;

/**
 * The feed of each {@link Preset}: the live view's {@link CountsFeed}, and for each other preset a feed that asks
 * analytics for the range ending now every {@code pulse.dashboard.range-refresh}, while a browser listens.
 */
@ApplicationScoped
class RangeFeeds {

    private final Clock clock = Clock.systemUTC();
    private final RangeQueries queries;
    private final Map<Preset, Feed> feeds = new LinkedHashMap<>();

    RangeFeeds(CountsFeed live, RangeQueries queries, DashboardConfig config, MeterRegistry registry, ObjectMapper json) {
        this.queries = queries;
        feeds.put(Preset.LIVE, live);
        for (Preset preset : Preset.values()) {
            if (preset != Preset.LIVE) {
                feeds.put(preset, new SharedFeed(preset.key(), config.rangeRefresh(), () -> poll(preset), config,
                        registry, json));
            }
        }
        Gauge.builder("pulse.dashboard.clients.connected", this, RangeFeeds::connectedClients)
                .description("Browsers connected to the live stream or to a preset range's stream")
                .register(registry);
    }

    /** The feed of the range the page's URL names; none for no such preset. */
    Optional<Feed> feed(String range) {
        return Preset.byKey(range).map(feeds::get);
    }

    /** Browsers listening to any feed. */
    int connectedClients() {
        return feeds.values().stream().mapToInt(Feed::connectedClients).sum();
    }

    /** Ends every preset's streams at its next tick, as {@link CountsFeed#onShutdown} does the live one's. */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        feeds.values().stream().filter(SharedFeed.class::isInstance).map(SharedFeed.class::cast).forEach(SharedFeed::stop);
    }

    private Uni<RangeStats> poll(Preset preset) {
        Instant now = clock.instant();
        return queries.stats(preset.key(), preset.startAt(now), now);
    }
}
