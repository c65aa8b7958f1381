package dev.pulse.producer;

import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventSerializer;
import dev.pulse.event.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes events to Kafka (channel {@code page-events}): key = page name, timestamp = event date. A send
 * completes only once Kafka acknowledged every record, and fails with {@link KafkaUnavailableException}
 * when it did not within {@code pulse.producer.ack-timeout}, refused a record, or the emitter was full.
 */
@ApplicationScoped
// Created at startup so that its counters are exported (as 0) before the first request.
@Startup
// Kafka instantiates the serializer by name and Jackson binds the records reflectively: keep them in a native image.
@RegisterForReflection(targets = { PageEvent.class, Violation.class, PageEventSerializer.class })
public class PageEventSender {

    private static final Logger LOG = Logger.getLogger(PageEventSender.class);

    private final MutinyEmitter<PageEvent> emitter;
    private final PulseProducerConfig config;
    private final Counter accepted;
    private final Counter unacknowledged;

    PageEventSender(@Channel("page-events") MutinyEmitter<PageEvent> emitter, PulseProducerConfig config,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config;
        this.accepted = Counter.builder("pulse.producer.events.accepted")
                .description("Events acknowledged by Kafka")
                .register(registry);
        this.unacknowledged = Counter.builder("pulse.producer.requests.unacknowledged")
                .description("Requests answered 503 because Kafka did not acknowledge all their events in time")
                .register(registry);
    }

    /**
     * Sends {@code events} in order, to {@code topic} or, when null, to the channel's topic.
     *
     * @return the number of events, once Kafka acknowledged all of them
     */
    public Uni<Integer> send(List<PageEvent> events, String topic) {
        // Bounded concurrency: a large batch streams through the emitter's buffer instead of overflowing it.
        // Subscriptions, hence emissions, happen in list order, so records of one key keep their order.
        return Multi.createFrom().iterable(events)
                .onItem().transformToUni(event -> emitter.sendMessage(toMessage(event, topic)))
                .merge(config.maxInFlightPerRequest())
                .onItem().ignoreAsUni()
                .ifNoItem().after(config.ackTimeout())
                .failWith(() -> new TimeoutException("no acknowledgement within " + config.ackTimeout()))
                .onItem().transform(done -> {
                    accepted.increment(events.size());
                    return events.size();
                })
                .onFailure().transform(failure -> {
                    unacknowledged.increment();
                    LOG.warnf("Kafka did not acknowledge %d event(s): %s", events.size(), rootCause(failure));
                    return new KafkaUnavailableException(failure);
                });
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Message<PageEvent> toMessage(PageEvent event, String topic) {
        return Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic)
                .withKey(event.name())
                .withTimestamp(event.date())
                .build());
    }
}
