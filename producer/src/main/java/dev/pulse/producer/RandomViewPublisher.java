package dev.pulse.producer;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventRules;
import dev.pulse.event.Violation;
import io.smallrye.mutiny.Uni;

/**
 * The workshop's {@code /publish/{topic}/{name}}: a view of page {@code name} by a random user (U0 to U9)
 * lasting a random 0 to 9000 ms, now, written only to allow-listed topics.
 */
@ApplicationScoped
public class RandomViewPublisher {

    static final int USERS = 10;
    static final int MAX_DURATION_MS = 9000;

    private final Clock clock = Clock.systemUTC();
    private final PageEventRules rules = new PageEventRules(clock);
    private final PageEventSender sender;
    private final PulseProducerConfig config;

    RandomViewPublisher(PageEventSender sender, PulseProducerConfig config) {
        this.sender = sender;
        this.config = config;
    }

    /** The event written, once Kafka acknowledged it. */
    public Uni<PageEvent> publish(String topic, String name, String caller) throws InvalidPageEventException {
        // Checked before anything reaches Kafka, so that no other topic is written, nor auto-created by a broker allowing it.
        if (!config.publish().allowedTopics().contains(topic)) {
            throw new TopicNotAllowedException(config.publish().allowedTopics());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        PageEvent event = new PageEvent(name, "U" + random.nextInt(USERS),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), (long) random.nextInt(MAX_DURATION_MS + 1));
        List<Violation> violations = rules.check(event, 0);
        if (!violations.isEmpty()) {
            throw new InvalidPageEventException(violations);
        }
        return sender.send(event, topic, caller).replaceWith(event);
    }
}
