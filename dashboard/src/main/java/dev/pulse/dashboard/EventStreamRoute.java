package dev.pulse.dashboard;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.ErrorResponse;
import dev.pulse.event.Violation;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /stream}: the live server-sent events, on each tick {@code counts} ({@link LiveWindow}, the latest
 * window) then {@code pages} ({"recent": {@code GET /pages} for the last 5 minutes, "previous": the 5 minutes
 * before, "window": {@link WindowVisitors}), or {@code status} ({"status", "detail"}) saying why there are none. {@code GET /stream?range=1h} (or {@code today}, {@code 7d}, {@code 30d}) streams that preset's
 * {@link RangeStats} as {@code range} events instead ({@code range=live} is the live stream). The stream does not end
 * while the dashboard runs.
 * <p>
 * A Vert.x route rather than a REST resource: every connection gets the very buffer the shared feed encoded for
 * the tick, where Quarkus REST's event writer would encode each event again for each connection, which is most of
 * the work of serving thousands of browsers. A browser still taking a tick's events skips the ticks that come
 * meanwhile ({@link SharedFeed#subscribe}), so a slow one never slows the others and gets the newest events once
 * it catches up.
 */
@ApplicationScoped
class EventStreamRoute {

    static final String PATH = "/stream";
    private static final String RANGE = "range";

    private final RangeFeeds feeds;
    private final ObjectMapper json;
    private final Map<Thread, Writes> writes = new ConcurrentHashMap<>();

    EventStreamRoute(RangeFeeds feeds, ObjectMapper json) {
        this.feeds = feeds;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::stream);
    }

    private void stream(RoutingContext context) {
        String range = context.queryParams().get(RANGE);
        Optional<Feed> feed = feeds.feed(range == null ? Preset.LIVE.key() : range);
        if (feed.isEmpty()) {
            refuse(context.response(), range);
            return;
        }
        HttpServerResponse response = context.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.writeHead();
        // By thread: Quarkus gives each request a context of its own, on one of a few event loops.
        Context requestContext = Vertx.currentContext();
        Writes eventLoop = writes.computeIfAbsent(Thread.currentThread(), thread -> new Writes(requestContext));
        AtomicReference<Flow.Subscription> demand = new AtomicReference<>();
        // One tick at a time: the next is asked for once this one is written, and the feed keeps only the newest
        // for a connection that is not done yet.
        Cancellable subscription = feed.get().subscribe().subscribe().with(
                first -> {
                    demand.set(first);
                    first.request(1);
                },
                tick -> eventLoop.add(new Due(response, tick, () -> demand.get().request(1))),
                failure -> response.reset(),
                () -> eventLoop.end(response));
        response.closeHandler(closed -> subscription.cancel());
    }

    /** A 400 in the shared error form, as a REST resource answers a query parameter out of range. */
    private void refuse(HttpServerResponse response, String range) {
        String presets = Arrays.stream(Preset.values()).map(Preset::key).collect(Collectors.joining(", "));
        String reason = "must be one of " + presets + ", got " + range;
        ErrorResponse error = new ErrorResponse("Invalid request: " + RANGE + " " + reason,
                List.of(new Violation(-1, RANGE, reason)));
        try {
            response.setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(json.writeValueAsString(error));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tick to write to a connection, then ask for the next. */
    private record Due(HttpServerResponse response, FeedTick tick, Runnable next) {
    }

    /**
     * The writes due on one event loop. The feed hands a tick to each connection from the thread that polled
     * analytics; writing from there would cost every connection a wake-up of its event loop. Instead the tick's
     * connections are collected and written in one task per event loop.
     */
    private static final class Writes {

        private final Context eventLoop;
        private List<Due> due = new ArrayList<>();
        private boolean scheduled;

        Writes(Context eventLoop) {
            this.eventLoop = eventLoop;
        }

        synchronized void add(Due write) {
            due.add(write);
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
            List<Due> writes;
            synchronized (this) {
                writes = due;
                due = new ArrayList<>(writes.size());
                scheduled = false;
            }
            for (Due write : writes) {
                if (!write.response().closed()) {
                    write.response().write(write.tick().events()).onSuccess(written -> write.next().run());
                }
            }
        }
    }
}
