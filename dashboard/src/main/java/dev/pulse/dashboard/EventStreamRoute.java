package dev.pulse.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /stream}: the live server-sent events, on each tick {@code counts} (analytics' {@code GET /counts}
 * answer) then {@code pages} ({"recent": {@code GET /pages} for the last 5 minutes, "window": every page of the
 * latest window}), or {@code status} ({"status", "detail"}) saying why there are none. The stream does not end while
 * the dashboard runs.
 * <p>
 * A Vert.x route rather than a REST resource: every connection gets the very buffer the shared feed encoded for
 * the tick, where Quarkus REST's event writer would encode each event again for each connection, which is most of
 * the work of serving thousands of browsers. A browser whose connection still holds unsent data skips the tick,
 * so a slow one never slows the others and gets the newest events once it catches up.
 */
@ApplicationScoped
class EventStreamRoute {

    private final CountsFeed feed;

    EventStreamRoute(CountsFeed feed) {
        this.feed = feed;
    }

    void register(@Observes Router router) {
        router.get("/stream").handler(this::stream);
    }

    private void stream(RoutingContext context) {
        HttpServerResponse response = context.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.writeHead();
        Cancellable subscription = feed.subscribe().subscribe().with(
                tick -> {
                    if (!response.closed() && !response.writeQueueFull()) {
                        response.write(tick.events());
                    }
                },
                failure -> response.reset(),
                () -> {
                    if (!response.closed()) {
                        response.end();
                    }
                });
        response.closeHandler(closed -> subscription.cancel());
    }
}
