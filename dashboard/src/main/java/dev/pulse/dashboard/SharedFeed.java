package dev.pulse.dashboard;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.Failures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * One stream of analytics answers that every browser watching the same view shares.
 * <p>
 * A ticker polls analytics once per tick and the result is broadcast, so the number of upstream calls does not
 * grow with the number of browsers. The ticker runs only while someone listens: the first subscriber starts it,
 * the last one to leave cancels it, and with nobody connected the feed makes no calls at all. A poll still running
 * when the next tick fires makes that tick be skipped rather than queued.
 */
final class SharedFeed implements Feed {

    private static final Logger LOG = Logger.getLogger(SharedFeed.class);

    private final String range;
    private final Supplier<Uni<? extends FeedEvent>> poll;
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

    /**
     * @param range what the feed shows, as the page's URL names it ({@code live}, {@code 7d}...): tags its metrics
     * @param every how often {@code poll} runs while someone listens
     * @param poll  one poll of analytics; any failure becomes a {@code status} event
     */
    SharedFeed(String range, Duration every, Supplier<Uni<? extends FeedEvent>> poll, DashboardConfig config,
            MeterRegistry registry, ObjectMapper json) {
        this.range = range;
        this.poll = poll;
        this.config = config;
        this.json = json;
        this.successfulPolls = pollCounter(registry, "success");
        this.failedPolls = pollCounter(registry, "failure");
        this.shared = Multi.createFrom().ticks().every(every)
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
    @Override
    public Multi<FeedTick> subscribe() {
        return shared.onOverflow().dropPreviousItems()
                .onSubscription().invoke(connectedClients::incrementAndGet)
                .onTermination().invoke(connectedClients::decrementAndGet);
    }

    @Override
    public int connectedClients() {
        return connectedClients.get();
    }

    /** The result of the most recent poll; {@code null} until a browser has connected once. */
    PollOutcome lastOutcome() {
        return lastOutcome;
    }

    /** Ends every stream at the next tick; see {@link CountsFeed#onShutdown}. */
    void stop() {
        stopping = true;
    }

    private Uni<FeedEvent> poll() {
        if (clock.instant().isBefore(quietUntil)) {
            return Uni.createFrom().item(lastFailure);
        }
        return poll.get()
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

    private FeedEvent succeeded(FeedEvent event) {
        successfulPolls.increment();
        if (lastOutcome instanceof PollOutcome.Unreachable) {
            LOG.infof("Analytics answers the %s feed again", range);
        }
        lastOutcome = new PollOutcome.Answered(clock.instant());
        return event;
    }

    private FeedEvent failed(Throwable failure) {
        failedPolls.increment();
        AnalyticsStatus status = AnalyticsRefusal.of(failure)
                .map(refusal -> AnalyticsStatus.refused(refusal.getMessage()))
                .orElseGet(() -> AnalyticsStatus.unreachable(describe(failure)));
        if (!(lastOutcome instanceof PollOutcome.Unreachable)) {
            LOG.warnf("%s (%s); the %s feed keeps polling", status.status(), status.detail(), range);
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
            if (response.getStatus() == Response.Status.UNAUTHORIZED.getStatusCode()
                    || response.getStatus() == Response.Status.FORBIDDEN.getStatusCode()) {
                return "analytics refused the dashboard's key (" + response.getStatus() + "): see pulse.dashboard.analytics-key";
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

    private Counter pollCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("pulse.dashboard.upstream.polls")
                .description("Polls of analytics made by the shared feeds, by the range each feed shows")
                .tag("outcome", outcome)
                .tag("range", range)
                .register(registry);
    }

    /** When analytics was last asked, and whether it answered or why not. */
    sealed interface PollOutcome {

        Instant at();

        record Answered(Instant at) implements PollOutcome {
        }

        record Unreachable(Instant at, String detail) implements PollOutcome {
        }
    }
}
