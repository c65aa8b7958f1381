package dev.pulse.generator;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventRules;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The workshop's timed supplier of page events, with a rate and a pause switch that can change while it runs.
 * Created first thing at start-up, before the messaging channels are wired, so that a bad configuration stops the
 * application with the property named rather than deep in a channel's stack trace.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE)
@ApplicationScoped
public class PageEventGenerator {

    private static final Logger LOG = Logger.getLogger(PageEventGenerator.class);

    private final GeneratorConfig config;
    private final RandomPageEvents events;
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();

    private volatile double rate;
    private volatile boolean paused;
    private volatile boolean stopping;

    PageEventGenerator(GeneratorConfig config, MeterRegistry registry) {
        List<String> problems = GeneratorConfigCheck.problems(config, PageEventRules.systemClock());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid generator configuration: " + String.join("; ", problems));
        }
        this.config = config;
        this.events = new RandomPageEvents(config.pages(), config.users(), config.maxDuration(), Clock.systemUTC());
        this.rate = config.rate();
        this.paused = config.paused();
        FunctionCounter.builder("pulse.generator.events.sent", sent, LongAdder::doubleValue)
                .description("Generated events Kafka acknowledged").register(registry);
        FunctionCounter.builder("pulse.generator.events.dropped", dropped, LongAdder::doubleValue)
                .description("Events due at the rate but dropped: Kafka was not taking more, or the generator fell behind")
                .register(registry);
        FunctionCounter.builder("pulse.generator.events.failed", failed, LongAdder::doubleValue)
                .description("Generated events Kafka did not accept").register(registry);
        // Held strongly: Micrometer's default weak reference was seen cleared under the tests, the gauge then NaN.
        Gauge.builder("pulse.generator.rate", this, PageEventGenerator::effectiveRate).strongReference(true)
                .description("Events per second the generator is set to emit now (0 while paused)").register(registry);
        LOG.infof("Generating page events to topic %s: %s, %s events/s, pages %s, users %s, durations up to %d ms",
                config.topic(), paused ? "paused" : "running", rate, config.pages(), config.users(),
                config.maxDuration().toMillis());
    }

    @Outgoing("page-events")
    public Multi<Message<PageEvent>> pageEvents() {
        return new Pacer(Pacer.TICK, this::effectiveRate, System::nanoTime, dropped::add).pace(() -> message(events.get()));
    }

    public GeneratorStatus status() {
        return new GeneratorStatus(rate, paused, config.pages(), config.users(), config.maxDuration().toMillis(),
                sent.sum(), dropped.sum(), failed.sum());
    }

    /** Applies the change at the next tick; the update has been validated already. */
    public synchronized GeneratorStatus update(GeneratorUpdate update) {
        if (update.rate() != null) {
            rate = update.rate();
        }
        if (update.paused() != null) {
            paused = update.paused();
        }
        LOG.infof("Generator %s at %s events/s", paused ? "paused" : "running", rate);
        return status();
    }

    private double effectiveRate() {
        return paused || stopping ? 0 : rate;
    }

    private Message<PageEvent> message(PageEvent event) {
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.name())
                .withTimestamp(event.date())
                .build();
        return Message.of(event, Metadata.of(record), this::acknowledged, this::notAccepted);
    }

    private CompletionStage<Void> acknowledged() {
        sent.increment();
        return CompletableFuture.completedFuture(null);
    }

    // The Kafka connector logs the cause; counting it here keeps the status and the metrics honest.
    private CompletionStage<Void> notAccepted(Throwable cause) {
        failed.increment();
        return CompletableFuture.completedFuture(null);
    }

    /** Stop emitting before the Kafka connector flushes and closes, so shutdown does not race new events. */
    void stopEmitting(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void logTotals() {
        LOG.infof("Generator stopped: %d events sent, %d dropped, %d failed", sent.sum(), dropped.sum(), failed.sum());
    }
}
