package dev.pulse.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.event.Topics;
import dev.pulse.testing.PackagedApp;
import io.vertx.core.buffer.Buffer;

/**
 * Phases 1 and 2: {@code POST /events} with one event per request over 64 connections, then with batches of 500,
 * each request with the ingest key, as a website's back end sends it; each checked afterwards against page-events
 * (every acknowledged event must be there), and Kafka's own ProducerPerformance on the same broker with records of the
 * same size as the yardstick.
 */
final class IngestPhase {

    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration SINGLE_DURATION = Duration.ofSeconds(20);
    static final int SINGLE_CONNECTIONS = 64;
    static final Duration CEILING_DURATION = Duration.ofSeconds(5);
    static final String NO_SUCH_PATH = "/bench-no-such-path";
    static final Duration BATCH_DURATION = Duration.ofSeconds(10);
    static final int BATCH_SIZE = 500;
    static final int BATCH_CONNECTIONS = 8;
    static final long PERF_RECORDS = 2_000_000;
    static final int PAGES = 16;

    static final double SINGLE_TARGET_PERCENT = 8;
    static final double BATCH_TARGET_PERCENT = 80;

    private final Bench bench;
    private final PackagedApp producer;

    IngestPhase(Bench bench, PackagedApp producer) {
        this.bench = bench;
        this.producer = producer;
    }

    /** Returns ProducerPerformance's records/s, the yardstick of the later phases too. */
    double run() throws Exception {
        Report report = bench.report();
        String singlePrefix = bench.pageName("single", 0).replaceFirst("p0$", "");
        String batchPrefix = bench.pageName("batch", 0).replaceFirst("p0$", "");

        System.out.println("ingest: warm-up " + WARM_UP.toSeconds() + " s, then single events for "
                + SINGLE_DURATION.toSeconds() + " s over " + SINGLE_CONNECTIONS + " connections");
        post("warm", SINGLE_CONNECTIONS, WARM_UP, 1);
        double cpu = ProcStats.cpuSeconds(producer.pid());
        double ownCpu = ProcStats.ownCpuSeconds();
        HttpLoad.Result single = post("single", SINGLE_CONNECTIONS, SINGLE_DURATION, 1);
        double singleCpu = (ProcStats.cpuSeconds(producer.pid()) - cpu) / single.seconds();
        double singleOwnCpu = (ProcStats.ownCpuSeconds() - ownCpu) / single.seconds();
        System.out.printf("ingest: %,.0f events/s acknowledged, p50 %.1f ms, p99 %.1f ms%n", single.eventsPerSecond(),
                single.latencyMicros().getValueAtPercentile(50) / 1000.0, single.latencyMicros().getValueAtPercentile(99) / 1000.0);

        // What this machine's HTTP stack answers when the producer does nothing but check the key (a 403: a path no
        // row names is for admins), over the same connections: the bound on single-event ingest, whatever Kafka could
        // take.
        HttpLoad.Result ceiling = bench.load().closedLoop(producer.port(), NO_SUCH_PATH, Access.INGEST_KEY, HttpLoad.JSON,
                SINGLE_CONNECTIONS, CEILING_DURATION, 0, (first, count) -> Buffer.buffer());
        double ceilingRate = ceiling.requests() / ceiling.seconds();
        System.out.printf("ingest: HTTP ceiling %,.0f requests/s (403 answers, the key checked, nothing done)%n", ceilingRate);

        System.out.println("ingest: batches of " + BATCH_SIZE + " for " + BATCH_DURATION.toSeconds() + " s over "
                + BATCH_CONNECTIONS + " connections");
        post("warm", BATCH_CONNECTIONS, Duration.ofSeconds(2), BATCH_SIZE);
        cpu = ProcStats.cpuSeconds(producer.pid());
        ownCpu = ProcStats.ownCpuSeconds();
        HttpLoad.Result batch = post("batch", BATCH_CONNECTIONS, BATCH_DURATION, BATCH_SIZE);
        double batchCpu = (ProcStats.cpuSeconds(producer.pid()) - cpu) / batch.seconds();
        double batchOwnCpu = (ProcStats.ownCpuSeconds() - ownCpu) / batch.seconds();
        System.out.printf("ingest: %,.0f events/s acknowledged in batches%n", batch.eventsPerSecond());

        System.out.println("ingest: reading page-events back to check every acknowledged event is there");
        Map<String, TopicAudit.Found> found = TopicAudit.read(bench.bootstrapServers(), Topics.PAGE_EVENTS.defaultName(),
                List.of(singlePrefix, batchPrefix));

        int recordSize = PageEventJson.toBytes(new PageEvent(bench.pageName("single", 7), "u1234567",
                Instant.now(), 4312L)).length;
        String perfTopic = bench.topic("producer-performance");
        bench.kafka().createTopics(Map.of(perfTopic, Topics.PAGE_EVENTS.partitions()));
        System.out.println("ingest: ProducerPerformance, " + PERF_RECORDS + " records of " + recordSize + " bytes, acks=all");
        ProducerPerformanceRun.Result perf = ProducerPerformanceRun.run(bench.libDir(), bench.repositoryRoot(),
                bench.log("producer-performance"), bench.bootstrapServers(), perfTopic, PERF_RECORDS, recordSize);
        System.out.printf("ingest: ProducerPerformance %,.0f records/s%n", perf.recordsPerSecond());

        report.info("ingest", "ProducerPerformance (" + recordSize + " B records, acks=all)", perf.recordsPerSecond(), "rec/s");
        report.detail("producer-performance", "records", perf.records());
        report.detail("producer-performance", "recordSizeBytes", recordSize);
        report.detail("producer-performance", "recordsPerSecond", perf.recordsPerSecond());
        report.detail("producer-performance", "megabytesPerSecond", perf.megabytesPerSecond());
        report.detail("producer-performance", "avgLatencyMs", perf.avgLatencyMs());
        report.detail("producer-performance", "p99LatencyMs", perf.p99LatencyMs());
        report.detail("producer-performance", "producerProps", perf.producerProps().subList(1, perf.producerProps().size()));

        figures("ingest-1", "single events", single, found.get(singlePrefix), perf.recordsPerSecond(), SINGLE_TARGET_PERCENT);
        report.info("ingest-1", "latency p50", single.latencyMicros().getValueAtPercentile(50) / 1000.0, "ms");
        report.info("ingest-1", "latency p99", single.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms");
        report.info("ingest-1", "producer CPU (of one core)", 100 * singleCpu, "%");
        report.info("ingest-1", ProcStats.OWN_CPU, 100 * singleOwnCpu, "%");
        report.info("ingest-1", "HTTP ceiling: empty 403 answers, same connections", ceilingRate, "req/s");
        report.info("ingest-1", "  single events vs that ceiling", 100 * single.eventsPerSecond() / ceilingRate, "%");
        report.detail("http-ceiling", "statuses", ceiling.statuses());
        report.detail("http-ceiling", "requestsPerSecond", ceilingRate);
        figures("ingest-500", "batches of " + BATCH_SIZE, batch, found.get(batchPrefix), perf.recordsPerSecond(),
                BATCH_TARGET_PERCENT);
        report.info("ingest-500", "request latency p99", batch.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms");
        report.info("ingest-500", "producer CPU (of one core)", 100 * batchCpu, "%");
        report.info("ingest-500", ProcStats.OWN_CPU, 100 * batchOwnCpu, "%");
        return perf.recordsPerSecond();
    }

    private void figures(String phase, String what, HttpLoad.Result result, TopicAudit.Found found, double perf,
            double targetPercent) {
        Report report = bench.report();
        report.info(phase, what + ": events acknowledged (202)", result.eventsPerSecond(), "ev/s");
        report.atLeast(phase, "  vs ProducerPerformance", 100 * result.eventsPerSecond() / perf, "%", targetPercent);
        BitSet missing = (BitSet) result.acked().clone();
        missing.andNot(found.events());
        report.check(phase, "acknowledged events missing from page-events", missing.cardinality(), "",
                "0 of " + result.ackedEvents(), missing.isEmpty() && result.ackedEvents() > 0);
        report.detail(phase, "requests", result.requests());
        report.detail(phase, "statuses", result.statuses());
        report.detail(phase, "transportFailures", result.failures());
        report.detail(phase, "acknowledgedEvents", result.ackedEvents());
        report.detail(phase, "seconds", result.seconds());
        report.detail(phase, "eventsPerSecond", result.eventsPerSecond());
        report.detail(phase, "latencyMs", Latencies.summary(result.latencyMicros(), 1000.0));
        report.detail(phase, "eventsInKafka", found.events().cardinality());
        report.detail(phase, "duplicatesInKafka", found.duplicates());
        report.detail(phase, "acknowledgedMissingFromKafka", missing.cardinality());
    }

    private HttpLoad.Result post(String phase, int connections, Duration duration, int eventsPerRequest)
            throws InterruptedException {
        String[] pages = new String[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = bench.pageName(phase, i);
        }
        return bench.load().closedLoop(producer.port(), "/events", Access.INGEST_KEY, HttpLoad.JSON, connections, duration,
                eventsPerRequest, (first, count) -> {
                    StringBuilder body = new StringBuilder(count * 80);
                    if (count > 1) {
                        body.append('[');
                    }
                    for (long n = first; n < first + count; n++) {
                        if (n > first) {
                            body.append(',');
                        }
                        event(body, pages[(int) (n % PAGES)], n);
                    }
                    if (count > 1) {
                        body.append(']');
                    }
                    return Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8));
                });
    }

    /** An event without a date (the producer dates it), counted by analytics (duration over 100 ms). */
    static void event(StringBuilder body, String page, long number) {
        body.append("{\"name\":\"").append(page).append("\",\"user\":\"u").append(number)
                .append("\",\"duration\":").append(101 + number % 9000).append('}');
    }
}
