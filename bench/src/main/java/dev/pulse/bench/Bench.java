package dev.pulse.bench;

import java.nio.file.Path;

import dev.pulse.kafka.EmbeddedKafka;

/** What every phase works with: one broker, the services, the HTTP load client, and the report. */
record Bench(String runId, Path repositoryRoot, Path workDir, Path libDir, EmbeddedKafka kafka, Services services,
        HttpLoad load, Report report) {

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A page name of this run: unique to it, so that events of other runs or services are never counted. */
    String pageName(String phase, long page) {
        return "bench-" + runId + "-" + phase + "-p" + page;
    }

    /** A topic of this run, created with the partitions of page-events. */
    String topic(String purpose) {
        return "bench-" + runId + "-" + purpose;
    }

    Path log(String name) {
        return Path.of("target", name + ".log").toAbsolutePath();
    }
}
