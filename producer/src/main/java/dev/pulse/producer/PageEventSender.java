package dev.pulse.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.pulse.event.Failures;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Writes events to Kafka through the {@code page-events} channel: key = page name, timestamp = event date. A send
 * completes only once Kafka acknowledged every record, and fails with {@link KafkaUnavailableException} when it did
 * not within {@code pulse.producer.ack-timeout}, or refused a record.
 * <p>
 * The events of a {@code POST /events} request go to the channel's Kafka producer in a single hand-off to its
 * sending thread: the emitter would take each record through its own reactive pipeline (two thread hops, a
 * dozen operators and metadata look-ups per record), whose CPU per event kept batched ingest far below what Kafka
 * takes (see README, Performance). The producer is the one the channel configured (acks=all, idempotence,
 * serializers, health), so both routes write exactly alike. Events are written to JSON before the hand-off, by the
 * thread that read the request: the sending thread is one for all requests.
 */
@ApplicationScoped
// Created at startup so that its counters are exported (as 0) before the first request.
@Startup
public class PageEventSender {

    static final String CHANNEL = "page-events";
    /** The caller of beacons, in metrics: the tracker's visitors have no credentials. */
    public static final String TRACKER = "tracker";

    private static final Logger LOG = Logger.getLogger(PageEventSender.class);

    private final MutinyEmitter<byte[]> emitter;
    private final KafkaProducer<String, byte[]> kafka;
    private final PulseProducerConfig config;
    private final MeterRegistry registry;
    /** Per caller (a key's or user's name, {@value #TRACKER} for beacons): the names configured bound them. */
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Counter unacknowledged;

    PageEventSender(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, KafkaClientService kafkaClients,
            PulseProducerConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.kafka = kafkaClients.getProducer(CHANNEL);
        this.config = config;
        this.registry = registry;
        this.unacknowledged = Counter.builder("pulse.producer.requests.unacknowledged")
                .description("Requests answered 503 because Kafka did not acknowledge all their events in time")
                .register(registry);
    }

    /**
     * Sends {@code events}, in order, to the channel's topic, for {@code caller}: what metrics count them under.
     *
     * @return the number of events, once Kafka acknowledged all of them
     */
    public Uni<Integer> send(List<PageEvent> events, String caller) {
        String topic = config.topic();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (PageEvent event : events) {
            records.add(new ProducerRecord<>(topic, null, event.date().toEpochMilli(), event.name(),
                    PageEventJson.toBytes(event)));
        }
        Uni<Integer> acknowledged = Uni.createFrom().emitter(done -> {
            Acknowledgements acknowledgements = new Acknowledgements(records.size(), done);
            // One hop for the whole request; send() only appends to Kafka's batches, and may block (metadata, full
            // buffer) on the sending thread, never on the event loop.
            kafka.runOnSendingThread(producer -> {
                for (ProducerRecord<String, byte[]> record : records) {
                    producer.send(record, acknowledgements);
                }
            }).subscribe().with(sent -> {
            }, done::fail);
        });
        return guarded(acknowledged, events.size(), caller);
    }

    /** Sends one event to {@code topic} through the channel's emitter (the workshop route), for {@code caller}. */
    public Uni<Integer> send(PageEvent event, String topic, String caller) {
        Message<byte[]> message = Message.of(PageEventJson.toBytes(event)).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic)
                .withKey(event.name())
                .withTimestamp(event.date())
                .build());
        return guarded(emitter.sendMessage(message).replaceWith(1), 1, caller);
    }

    private Uni<Integer> guarded(Uni<Integer> acknowledged, int events, String caller) {
        Duration timeout = config.ackTimeout();
        return acknowledged
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no acknowledgement within " + timeout))
                .onItem().invoke(() -> accepted(caller).increment(events))
                .onFailure().transform(failure -> {
                    unacknowledged.increment();
                    LOG.warnf("Kafka did not acknowledge %d event(s): %s", events, Failures.rootCause(failure));
                    return new KafkaUnavailableException(failure);
                });
    }

    private Counter accepted(String caller) {
        return accepted.computeIfAbsent(caller, name -> Counter.builder("pulse.producer.events.accepted")
                .description("Events acknowledged by Kafka, by caller: the name of the key or user that sent them")
                .tag("caller", name)
                .register(registry));
    }

    /** Completes the request when Kafka acknowledged its last record, or fails it at the first refusal. */
    private static final class Acknowledgements implements Callback {

        private final AtomicInteger pending;
        private final int events;
        private final UniEmitter<? super Integer> done;

        Acknowledgements(int events, UniEmitter<? super Integer> done) {
            this.pending = new AtomicInteger(events);
            this.events = events;
            this.done = done;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception failure) {
            // The emitter keeps the first outcome only: later refusals of the same request change nothing.
            if (failure != null) {
                done.fail(failure);
            } else if (pending.decrementAndGet() == 0) {
                done.complete(events);
            }
        }
    }
}
