package dev.pulse.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make broker}: a Kafka broker on {@code 127.0.0.1:9092} (or {@code PULSE_KAFKA_PORT}) keeping its
 * data under {@code .pulse/kafka} (or {@code PULSE_KAFKA_DIR}), running until it is stopped.
 */
public final class EmbeddedKafkaMain {

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Kafka logs through SLF4J; route it to JBoss LogManager's console output, as in the services.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        int port = Integer.parseInt(env("PULSE_KAFKA_PORT", "9092"));
        Path dataDir = Path.of(env("PULSE_KAFKA_DIR", ".pulse/kafka")).toAbsolutePath();
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir, port);
        } catch (RuntimeException e) {
            System.err.println("Kafka did not start on port " + port + ": " + rootMessage(e)
                    + "\nIs another broker already running there? (PULSE_KAFKA_PORT chooses another port.)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Kafka...");
            kafka.close();
            stopped.countDown();
        }, "kafka-shutdown"));
        System.out.println("Kafka ready on " + kafka.bootstrapServers() + " (data in " + dataDir + ")");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
