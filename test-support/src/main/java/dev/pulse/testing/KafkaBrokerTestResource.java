package dev.pulse.testing;

import java.nio.file.Path;
import java.util.Map;

import dev.pulse.kafka.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A real Kafka broker for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest}: one per test JVM, on free
 * ports, started by the first test class that needs it and stopped when the JVM exits (Quarkus restarts
 * the application between differently configured test classes; the broker need not restart with it).
 * Tests get a {@link KafkaCompanion} through {@code @InjectKafkaCompanion}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafka broker;

    private KafkaCompanion companion;

    public static synchronized EmbeddedKafka broker() {
        if (broker == null) {
            Path dataDir = TempDirs.create("pulse-kafka-");
            broker = EmbeddedKafka.start(dataDir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                TempDirs.delete(dataDir);
            }, "embedded-kafka-shutdown"));
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = broker().bootstrapServers();
        companion = new KafkaCompanion(bootstrap);
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                // Each application start gets empty Kafka Streams state, as a fresh instance would.
                "kafka-streams.state.dir", TempDirs.create("pulse-streams-").toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
    }
}
