package dev.pulse.dashboard;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The one stream of analytics snapshots that every browser shares.
 * <p>
 * A ticker polls analytics once per tick and the result is broadcast, so the number of upstream calls does not
 * grow with the number of browsers. A poll is three calls: the latest window's counts, then at once the top pages
 * of the last 5 minutes and every page of that latest window. The ticker runs only while someone listens: the first subscriber starts it,
 * the last one to leave cancels it, and with nobody connected the dashboard makes no calls at all.
 * A poll still running when the next tick fires makes that tick be skipped rather than queued.
 */
@ApplicationScoped
public class CountsFeed {

    private static final Logger LOG = Logger.getLogger(CountsFeed.class);
    /** As many pages as analytics ranks: the chart shows every page of the window. */
    static final int MAX_PAGES = 1000;

    private final AnalyticsClient analytics;
    private final DashboardConfig config;
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper json;
    private final Multi<FeedTick> shared;
    private final AtomicInteger connectedClients = new AtomicInteger();
    private final Counter successfulPolls;
    private final Counter failedPolls;

    private volatile boolean stopping;
    /** Analytics asked us (503 + Retry-After) to leave it alone until then. */
    private volatile Instant quietUntil = Instant.MIN;
    private volatile AnalyticsStatus lastFailure;
    private volatile PollOutcome lastOutcome;

    public CountsFeed(@RestClient AnalyticsClient analytics, DashboardConfig config, MeterRegistry registry,
            ObjectMapper json) {
        this.analytics = analytics;
        this.config = config;
        this.json = json;
        this.successfulPolls = pollCounter(registry, "success");
        this.failedPolls = pollCounter(registry, "failure");
        registry.gauge("pulse.dashboard.clients.connected", connectedClients);
        this.shared = Multi.createFrom().ticks().every(config.tick())
                .onOverflow().drop()
                .select().first(tick -> !stopping)
                .onItem().transformToUniAndConcatenate(tick -> poll())
                .onItem().transform(this::render)
                .broadcast().withCancellationAfterLastSubscriberDeparture().toAllSubscribers();
    }

    /**
     * A stream for one client. Its own one-slot buffer keeps only the newest event while the client is busy,
     * so a slow browser skips stale snapshots and never slows the shared ticker or the other browsers.
     */
    public Multi<FeedTick> subscribe() {
        return shared.onOverflow().dropPreviousItems()
                .onSubscription().invoke(connectedClients::incrementAndGet)
                .onTermination().invoke(connectedClients::decrementAndGet);
    }

    public int connectedClients() {
        return connectedClients.get();
    }

    /** The result of the most recent poll; {@code null} until a browser has connected once. */
    public PollOutcome lastOutcome() {
        return lastOutcome;
    }

    /**
     * Ends every stream at the next tick, so that graceful shutdown need not wait its whole timeout for browsers
     * to hang up (they reconnect, to another instance or to this one restarted). This event comes before the
     * HTTP server waits for open requests; {@code ShutdownEvent} would come only after that wait.
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
    }

    private Uni<FeedEvent> poll() {
        if (clock.instant().isBefore(quietUntil)) {
            return Uni.createFrom().item(lastFailure);
        }
        return analytics.latest()
                .flatMap(counts -> Uni.combine().all().unis(
                        analytics.pages(null, null, config.topPages()),
                        analytics.pages(counts.windowStart(), counts.windowStart(), MAX_PAGES))
                        .with((recent, window) -> new LiveStats(counts, new PageStatsSnapshot(recent, window))))
                .onItem().<FeedEvent> transform(this::succeeded)
                .onFailure().recoverWithItem(this::failed);
    }

    private FeedTick render(FeedEvent event) {
        try {
            return FeedTick.of(event, json);
        } catch (JsonProcessingException e) {
            // A failure here would end the shared stream, hence every browser's.
            LOG.errorf(e, "Cannot write %s as JSON", event.getClass().getSimpleName());
            AnalyticsStatus status = new AnalyticsStatus("dashboard error",
                    "cannot write the snapshot: " + e.getOriginalMessage());
            String statusJson = json.createObjectNode()
                    .put("status", status.status())
                    .put("detail", status.detail())
                    .toString();
            return new FeedTick(status, Buffer.buffer(FeedTick.encode(FeedTick.STATUS_EVENT, statusJson)));
        }
    }

    private FeedEvent succeeded(LiveStats snapshot) {
        successfulPolls.increment();
        if (lastOutcome instanceof PollOutcome.Unreachable) {
            LOG.info("Analytics answers again");
        }
        lastOutcome = new PollOutcome.Answered(clock.instant());
        return snapshot;
    }

    private FeedEvent failed(Throwable failure) {
        failedPolls.increment();
        AnalyticsStatus status = AnalyticsStatus.unreachable(describe(failure));
        if (!(lastOutcome instanceof PollOutcome.Unreachable)) {
            LOG.warnf("Analytics unreachable (%s); the dashboard keeps polling", status.detail());
        }
        lastFailure = status;
        lastOutcome = new PollOutcome.Unreachable(clock.instant(), status.detail());
        return status;
    }

    private String describe(Throwable failure) {
        if (failure instanceof WebApplicationException rejected) {
            Response response = rejected.getResponse();
            Duration retryAfter = retryAfter(response);
            if (response.getStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode() && retryAfter != null) {
                quietUntil = clock.instant().plus(retryAfter);
                return "analytics is rebalancing (503), next try in " + retryAfter.toSeconds() + " s";
            }
            return "analytics answered " + response.getStatus();
        }
        Throwable cause = Failures.rootCause(failure);
        if (cause instanceof ConnectException) {
            return "cannot connect to analytics: " + cause.getMessage();
        }
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return "analytics did not answer in time";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private Duration retryAfter(Response response) {
        String header = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        if (header == null) {
            return null;
        }
        try {
            Duration asked = Duration.ofSeconds(Long.parseLong(header.trim()));
            return asked.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : asked;
        } catch (NumberFormatException httpDate) {
            // An HTTP-date is allowed too; not worth parsing for a pause of a few seconds.
            return config.tick();
        }
    }

    private static Counter pollCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("pulse.dashboard.upstream.polls")
                .description("Polls of analytics (GET /counts, then GET /pages twice) made by the shared ticker")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** When analytics was last asked, and whether it answered or why not. */
    public sealed interface PollOutcome {

        Instant at();

        record Answered(Instant at) implements PollOutcome {
        }

        record Unreachable(Instant at, String detail) implements PollOutcome {
        }
    }
}
