package dev.pulse.producer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.pulse.producer.tracker.AllowedOrigin;
import dev.pulse.producer.tracker.BotUserAgents;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/** The producer's own settings ({@code pulse.producer.*}); defaults live in application.properties. */
@ConfigMapping(prefix = "pulse.producer")
public interface PulseProducerConfig {

    /**
     * The topic events are written to (the {@code page-events} channel's topic, and the default allow-list
     * of the workshop route).
     */
    String topic();

    /** Largest request body accepted; larger ones are answered 413. */
    MemorySize maxBodySize();

    /** How long a request waits for Kafka to acknowledge all of its events before it is answered 503. */
    Duration ackTimeout();

    /** The Retry-After advice sent with a 503. */
    Duration retryAfter();

    Publish publish();

    Tracker tracker();

    interface Publish {
        /** Topics the workshop route {@code GET /publish/{topic}/{name}} may write to. */
        Set<String> allowedTopics();
    }

    /** The website tracker: {@code GET /pulse.js} and its beacon endpoint {@code POST /beacon}. */
    interface Tracker {
        /**
         * Origins ({@code scheme://host[:port]}) whose pages may send beacons, read as browsers send them in
         * {@code Origin} ({@link AllowedOrigin}). None by default: every beacon is refused until a site is allowed.
         */
        Optional<Set<@WithConverter(AllowedOrigin.class) String>> allowedOrigins();

        /** Largest beacon body accepted; larger ones are answered 413. A beacon is one event of about 150 bytes. */
        MemorySize maxBodySize();

        /**
         * Words (or phrases of words) that mark a bot's User-Agent, in any case, whose beacons are counted but not
         * written ({@link BotUserAgents}).
         */
        List<String> botUserAgents();
    }
}
