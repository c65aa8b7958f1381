package dev.pulse.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
 * the work of serving thousands of browsers. A browser whose connection's write queue is full skips the tick, so a
 * slow one never slows the others and gets the newest events once it catches up.
 */
@ApplicationScoped
class EventStreamRoute {

    private final CountsFeed feed;
    private final Map<Thread, Writes> writes = new ConcurrentHashMap<>();

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
        // By thread: Quarkus gives each request a context of its own, on one of a few event loops.
        Context requestContext = Vertx.currentContext();
        Writes eventLoop = writes.computeIfAbsent(Thread.currentThread(), thread -> new Writes(requestContext));
        Cancellable subscription = feed.subscribe().subscribe().with(
                tick -> eventLoop.add(response, tick),
                failure -> response.reset(),
                () -> eventLoop.end(response));
        response.closeHandler(closed -> subscription.cancel());
    }

    /**
     * The writes due on one event loop. The feed hands a tick to each connection from the thread that polled
     * analytics; writing from there would cost every connection a wake-up of its event loop. Instead the tick's
     * connections are collected and written in one task per event loop.
     */
    private static final class Writes {

        private final Context eventLoop;
        private List<HttpServerResponse> due = new ArrayList<>();
        private FeedTick tick;
        private boolean scheduled;

        Writes(Context eventLoop) {
            this.eventLoop = eventLoop;
        }

        synchronized void add(HttpServerResponse response, FeedTick latest) {
            due.add(response);
            tick = latest;
            if (!scheduled) {
                scheduled = true;
                eventLoop.runOnContext(nothing -> write());
            }
        }

        void end(HttpServerResponse response) {
            eventLoop.runOnContext(nothing -> {
                if (!response.closed()) {
                    response.end();
                }
            });
        }

        private void write() {
            List<HttpServerResponse> responses;
            FeedTick latest;
            synchronized (this) {
                responses = due;
                latest = tick;
                due = new ArrayList<>(responses.size());
                scheduled = false;
            }
            for (HttpServerResponse response : responses) {
                // A connection whose write queue is full skips the tick.
                if (!response.closed() && !response.writeQueueFull()) {
                    response.write(latest.events());
                }
            }
        }
    }
}
