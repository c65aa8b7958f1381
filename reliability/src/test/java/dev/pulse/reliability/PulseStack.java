package dev.pulse.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import dev.pulse.event.Topics;
import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.security.NewCredentials;
import dev.pulse.testing.PackagedApp;
import dev.pulse.testing.RunCredentials;
import dev.pulse.testing.TempDirs;

/**
 * The system under test: a real broker in this JVM and the packaged producer, consumer and analytics (and, on
 * demand, the dashboard) as child processes, with the faults the suite injects. One per test run, shared by
 * the test classes. Every run has its own consumer group, Kafka Streams application id and page names, so
 * nothing of an earlier run can be counted in this one.
 */
final class PulseStack implements AutoCloseable {

    /** The secret this run's analytics instances share. */
    private static final String PEER_KEY = NewCredentials.key();

    static final String PAGE_EVENTS = Topics.PAGE_EVENTS.defaultName();
    static final String DEAD_LETTERS = Topics.PAGE_EVENTS_DLQ.defaultName();
    /** Half the default tick: the same behaviour, seen twice as often. */
    static final Duration DASHBOARD_TICK = Duration.ofMillis(500);
    /**
     * The most pages the dashboard shows (and sends each tick): its snapshots then stay as large as a deployment's can
     * be, which the slow-client checks need.
     */
    static final int DASHBOARD_TOP_PAGES = 1000;

    private static final Logger LOG = Logger.getLogger(PulseStack.class.getName());

    /** Short, so that page names and event ids built from it stay readable. */
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String consumerGroup = "reliability-consumer-" + runId;
    final String analyticsApplicationId = "reliability-analytics-" + runId;
    final Instant startedAt = Instant.now();

    private final Path workDir;
    private final int kafkaPort = EmbeddedKafka.freePort();
    private final int analyticsPort = EmbeddedKafka.freePort();
    private final int demoSitePort = EmbeddedKafka.freePort();
    private final KafkaProbe kafka;

    private EmbeddedKafka broker;
    private PackagedApp producer;
    private PackagedApp consumer;
    private PackagedApp analytics;
    private PackagedApp dashboard;
    private int consumerRuns;
    private int analyticsRuns;

    private PulseStack() {
        workDir = TempDirs.create("pulse-reliability-");
        kafka = new KafkaProbe("127.0.0.1:" + kafkaPort);
    }

    static PulseStack start() {
        PulseStack stack = new PulseStack();
        try {
            stack.broker = EmbeddedKafka.start(stack.kafkaDir(), stack.kafkaPort);
            CompletableFuture<PackagedApp> producer = CompletableFuture.supplyAsync(stack::startProducer);
            CompletableFuture<PackagedApp> consumer = CompletableFuture.supplyAsync(stack::startConsumer);
            CompletableFuture<PackagedApp> analytics = CompletableFuture.supplyAsync(stack::startAnalytics);
            stack.producer = producer.join();
            stack.consumer = consumer.join();
            stack.analytics = analytics.join();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        LOG.info(() -> "Pulse stack " + stack.runId + " up: broker " + stack.bootstrapServers() + ", producer "
                + stack.producer.url("") + ", consumer " + stack.consumer.url("") + ", analytics " + stack.analytics.url(""));
        return stack;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    KafkaProbe kafka() {
        return kafka;
    }

    PackagedApp producer() {
        return producer;
    }

    PackagedApp consumer() {
        return consumer;
    }

    PackagedApp analytics() {
        return analytics;
    }

    /** Where the website tracker's tests serve the demo site; the producer allows its pages' beacons. */
    int demoSitePort() {
        return demoSitePort;
    }

    /** The one origin the producer accepts beacons from. */
    String trackerOrigin() {
        return "http://localhost:" + demoSitePort;
    }

    /** The dashboard, polling this stack's analytics; started on first use. */
    synchronized PackagedApp dashboard() {
        if (dashboard == null) {
            dashboard = PackagedApp.start("dashboard", "reliability-dashboard", PackagedApp.ANY_PORT, secured(Map.of(
                    "quarkus.rest-client.analytics.url", analytics.url(""),
                    "pulse.dashboard.analytics-key", RunCredentials.key(RunCredentials.VIEWER_KEY_NAME),
                    "pulse.dashboard.tick", DASHBOARD_TICK.toMillis() + "ms",
                    "pulse.dashboard.top-pages", Integer.toString(DASHBOARD_TOP_PAGES))));
        }
        return dashboard;
    }

    /** Stops the broker as an operator would, keeps it down for {@code outage}, and starts it again on its data. */
    void restartBroker(Duration outage) {
        LOG.info(() -> "Stopping the broker for " + outage);
        broker.close();
        broker = null;
        pause(outage);
        broker = EmbeddedKafka.start(kafkaDir(), kafkaPort);
        LOG.info("Broker started again");
    }

    /** SIGKILL, then a new process on the same port and state directory; returns once it is ready again. */
    void crashAndRestartAnalytics() {
        analytics.kill();
        analytics = startAnalytics();
    }

    /**
     * SIGKILL, then a new process in the same group. Returns the log of the killed process: its record of what
     * it consumed, since its own totals died with it.
     */
    Path crashConsumer() {
        consumer.kill();
        return consumer.log();
    }

    void restartConsumer() {
        consumer = startConsumer();
    }

    private PackagedApp startProducer() {
        return PackagedApp.start("producer", "reliability-producer", PackagedApp.ANY_PORT, secured(Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "pulse.producer.tracker.allowed-origins", trackerOrigin())));
    }

    private PackagedApp startConsumer() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers());
        config.put("pulse.consumer.group-id", consumerGroup);
        // A killed member keeps its partitions until its session expires (Kafka's default: 45 s); analytics
        // already uses 10 s for the same reason. The broker's minimum is 6 s.
        config.put("mp.messaging.incoming.page-events.session.timeout.ms", "10000");
        // One "Consumed <event> from <topic>-<partition> at offset <n>" line per event, written before the event
        // is acknowledged: the record of a consumer's work that survives its SIGKILL.
        config.put("quarkus.log.category.\"" + ConsumerLog.CATEGORY + "\".level", "DEBUG");
        // A new log file per process, so that a killed one's log is kept.
        return PackagedApp.start("consumer", "reliability-consumer-" + (++consumerRuns), PackagedApp.ANY_PORT, secured(config));
    }

    private PackagedApp startAnalytics() {
        return PackagedApp.start("analytics", "reliability-analytics-" + (++analyticsRuns), analyticsPort, secured(Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "kafka-streams.state.dir", workDir.resolve("analytics-state").toString(),
                "quarkus.kafka-streams.application-id", analyticsApplicationId,
                "pulse.analytics.advertised-host", "127.0.0.1",
                // Faults delay events by seconds (a stopped broker, a restore): far more grace than that, so that
                // an acknowledged event is never dropped as late and every difference is a real loss or double.
                "analytics.grace", "5m",
                // A broker away for longer than the stream producers' max.block.ms (Kafka's default: 60 s) times out
                // their sends and commits, which fails the stream threads. Shorter than the outage here, so that a
                // broker restart goes through those timeouts.
                "kafka-streams.producer.max.block.ms", "2000",
                "pulse.access.peer-key", PEER_KEY)));
    }

    /** {@code config} with access on, as deployed: the users and keys of {@link RunCredentials}. */
    private static Map<String, String> secured(Map<String, String> config) {
        Map<String, String> secured = new LinkedHashMap<>(RunCredentials.config());
        secured.putAll(config);
        return secured;
    }

    private Path kafkaDir() {
        return workDir.resolve("kafka");
    }

    @Override
    public void close() {
        for (PackagedApp app : new PackagedApp[] { dashboard, producer, consumer, analytics }) {
            if (app != null) {
                app.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
        TempDirs.delete(workDir);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
