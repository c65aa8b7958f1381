package dev.pulse.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

import dev.pulse.event.Topics;
import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.testing.PackagedApp;
import dev.pulse.testing.TempDirs;

/**
 * {@code make bench}: one embedded broker, the packaged services in JVM mode with the options of {@code make run},
 * secured as a deployment runs them ({@link Access}), and seven phases (ingest single, ingest batched, each also on a
 * producer with access control off, stream catch-up, freshness, start-up, dashboard fan-out, page stats on three
 * analytics instances), each figure printed beside its target and written to {@code bench/results.json}.
 * <p>
 * Arguments name the phases to run (ingest, catchup, freshness, fanout, pages, state; default all). Start-up is measured for
 * every service started. Phases that compare with ProducerPerformance need the ingest phase.
 */
public final class PulseBench {

    static final List<String> PHASES = List.of("ingest", "catchup", "freshness", "fanout", "pages", "state");
    static final double READY_TARGET_SECONDS = 1.5;
    static final double RSS_TARGET_MB = 100;

    private PulseBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        Set<String> phases = new LinkedHashSet<>(args.length == 0 ? PHASES : List.of(args));
        if (!PHASES.containsAll(phases)) {
            System.err.println("Unknown phase in " + phases + "; phases are " + PHASES);
            System.exit(2);
        }
        Path root = PackagedApp.repositoryRoot();
        Path libDir = Path.of(PulseBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent()
                .resolve("lib");
        List<String> jvmOptions = JvmOptions.forServices(root);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Report report = new Report();
        report.environment("runId", runId);
        report.environment("cores", Runtime.getRuntime().availableProcessors());
        report.environment("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.environment("serviceJvmOptions", JvmOptions.expanded(jvmOptions));
        report.environment("openFilesLimit", ProcStats.openFilesLimit());
        report.environment("loadAverageAtStart", ProcStats.loadAverage());
        report.environment("phases", phases);
        System.out.println("pulse bench " + runId + ": phases " + phases + ", services with "
                + String.join(" ", JvmOptions.expanded(jvmOptions)) + " (load average " + ProcStats.loadAverage() + ")");
        for (String module : List.of("producer", "consumer", "generator", "analytics", "dashboard")) {
            List<String> own = JvmOptions.forService(root, module);
            if (!own.equals(jvmOptions)) {
                report.environment(module + "JvmOptions", JvmOptions.expanded(own));
                List<String> added = JvmOptions.expanded(own.subList(jvmOptions.size(), own.size()));
                System.out.println("  " + module + " adds " + String.join(" ", added));
            }
        }

        Path work = TempDirs.create("pulse-bench-");
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
                Services services = new Services(kafka.bootstrapServers(),
                        module -> JvmOptions.forService(root, module));
                HttpLoad load = new HttpLoad(64)) {
            Bench bench = new Bench(runId, root, work, libDir, kafka, services, load, report);
            System.out.println("start-up: broker on " + kafka.bootstrapServers() + "; starting the services one by one");
            PackagedApp producer = services.start("producer", Map.of());

            double producerPerformance = Double.NaN;
            if (phases.contains("ingest")) {
                producerPerformance = phase(report, "ingest", () -> new IngestPhase(bench, producer).run());
                // Analytics and the consumer start from the beginning of page-events: not with this backlog.
                truncate(kafka, Topics.PAGE_EVENTS.defaultName());
            }
            if (phases.contains("catchup")) {
                double yardstick = producerPerformance;
                phase(report, "catch-up", () -> {
                    new CatchUpPhase(bench).run(yardstick);
                    return 0.0;
                });
            }

            services.start("consumer", Map.of());
            services.start("generator", Map.of());
            PackagedApp analytics = services.start("analytics", Map.of(
                    "kafka-streams.state.dir", Services.stateDir(work, "analytics-state").toString()));
            try (AnalyticsProxy proxy = new AnalyticsProxy(analytics.port())) {
                PackagedApp dashboard = services.start("dashboard", Map.of("quarkus.rest-client.analytics.url", proxy.url()));
                if (phases.contains("freshness")) {
                    phase(report, "freshness", () -> {
                        new FreshnessPhase(bench, producer, analytics).run();
                        return 0.0;
                    });
                }
                if (phases.contains("fanout")) {
                    phase(report, "fan-out", () -> {
                        new FanOutPhase(bench, dashboard, proxy).run();
                        return 0.0;
                    });
                }
                startUpFigures(report, services);
                if (phases.contains("pages")) {
                    phase(report, "pages", () -> {
                        new PagesPhase(bench).run();
                        return 0.0;
                    });
                }
                if (phases.contains("state")) {
                    phase(report, "state", () -> {
                        new StatePhase(bench).run();
                        return 0.0;
                    });
                }
            }
        } finally {
            report.environment("loadAverageAtEnd", ProcStats.loadAverage());
            report.environment("seconds", Report.round((System.nanoTime() - started) / 1e9));
            TempDirs.delete(work);
        }
        report.note("other builds and tests may share this machine: load average " + report.loadAverages()
                + "; figures are noisy");
        report.print(System.out);
        Path results = root.resolve("bench/results.json");
        report.write(results);
        System.out.println("results: " + results);
    }

    private interface Phase {
        double run() throws Exception;
    }

    /** Runs a phase; a failure is reported as such and the other phases go on. */
    private static double phase(Report report, String name, Phase phase) {
        try {
            return phase.run();
        } catch (Exception | AssertionError e) {
            System.err.println(name + " failed: " + e);
            e.printStackTrace();
            report.check(name, "phase failed: " + e.getClass().getSimpleName(), Double.NaN, "", "completes", false);
            report.note(name + " failed: " + e.getMessage());
            return Double.NaN;
        }
    }

    private static void startUpFigures(Report report, Services services) {
        services.started().forEach((name, started) -> {
            long pid = started.app().pid();
            double rssNow = ProcStats.rssMb(pid);
            report.atMost("start-up", name + ": process start to ready", started.readySeconds(), "s", READY_TARGET_SECONDS);
            report.info("start-up", name + ": RSS after start", started.rssAfterStartMb(), "MB");
            report.atMost("start-up", name + ": RSS after load", rssNow, "MB", RSS_TARGET_MB);
            report.detail("start-up", name, Map.of("readySeconds", started.readySeconds(),
                    "rssAfterStartMb", started.rssAfterStartMb(), "rssAfterLoadMb", rssNow));
        });
    }

    /** Deletes every record of {@code topic} so far (a consumer starting from the beginning then finds none). */
    private static void truncate(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((partition, end) -> delete.put(partition, RecordsToDelete.beforeOffset(end.offset())));
            admin.deleteRecords(delete).all().get();
        }
    }
}
