package dev.pulse.testing;

import java.util.HashMap;
import java.util.Map;

import dev.pulse.kafka.EmbeddedKafka;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose Kafka is a port nothing listens on, for the tests of what a service does when no broker
 * answers. The Kafka client's complaints about the connection are kept to errors. A service adds its own settings
 * in {@link #settings()}.
 */
public class UnreachableKafka implements QuarkusTestProfile {

    @Override
    public final Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(settings());
        config.put("kafka.bootstrap.servers", "127.0.0.1:" + EmbeddedKafka.freePort());
        config.put("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
        return config;
    }

    /** The test's own settings, besides the unreachable broker. */
    protected Map<String, String> settings() {
        return Map.of();
    }
}
