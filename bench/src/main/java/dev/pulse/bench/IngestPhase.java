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
 * <p>
 * What access control costs: the same loads on a second producer with access control off ({@code pulse.access.open}),
 * sent without credentials. After both are warmed up, the two take turns, secured, open, open, secured, each for half
 * of a load's time, so that both see the same drift (the topic growing, the JIT, the machine's other work).
 */
final class IngestPhase {

    static final Duration WARM_UP = Duration.ofSeconds(3);
    /** On each producer, in two halves. */
    static final Duration SINGLE_DURATION = Duration.ofSeconds(20);
    static final int SINGLE_CONNECTIONS = 64;
    static final Duration CEILING_DURATION = Duration.ofSeconds(5);
    static final String NO_SUCH_PATH = "/bench-no-such-path";
    static final Duration BATCH_WARM_UP = Duration.ofSeconds(2);
    /** On each producer, in two halves. */
    static final Duration BATCH_DURATION = Duration.ofSeconds(10);
    static final int BATCH_SIZE = 500;
    static final int BATCH_CONNECTIONS = 8;
    static final long PERF_RECORDS = 2_000_000;
    static final int PAGES = 16;

    static final double SINGLE_TARGET_PERCENT = 8;
    static final double BATCH_TARGET_PERCENT = 80;
    /** Secured ingest within 10 % of open ingest. */
    static final double SECURED_TARGET_PERCENT = 90;

    /**
     * A producer, the credential its load carries (null: none), and the tag of its pages' names: the tags are of one
     * length, so that both producers take events of the same size.
     */
    private record Target(String tag, PackagedApp producer, String authorization) {

        /** The phase name of the pages {@code load} is sent on. */
        String pages(String load) {
            return tag + "-" + load;
        }
    }

    /** Closed loops on one producer added up, with the CPU seconds it and the bench used meanwhile. */
    private record Measured(HttpLoad.Result load, double producerCpuSeconds, double ownCpuSeconds) {

        Measured plus(Measured later) {
            return new Measured(load.plus(later.load), producerCpuSeconds + later.producerCpuSeconds,
                    ownCpuSeconds + later.ownCpuSeconds);
        }

        /** Of one core. */
        double producerCpu() {
            return producerCpuSeconds / load.seconds();
        }

        /** Of one core. */
        double ownCpu() {
            return ownCpuSeconds / load.seconds();
        }

        double producerCpuSecondsPerEvent() {
            return producerCpuSeconds / load.ackedEvents();
        }
    }

    /** The same load on the secured producer and on the open one. */
    private record Comparison(Measured secured, Measured open) {

        double securedPercentOfOpen() {
            return 100 * secured.load().eventsPerSecond() / open.load().eventsPerSecond();
        }

        /** What an event costs the secured producer, against the open one: less swayed by a busy machine. */
        double cpuPerEventPercentOfOpen() {
            return 100 * secured.producerCpuSecondsPerEvent() / open.producerCpuSecondsPerEvent();
        }
    }

    private final Bench bench;
    private final PackagedApp producer;

    IngestPhase(Bench bench, PackagedApp producer) {
        this.bench = bench;
        this.producer = producer;
    }

    /** Returns ProducerPerformance's records/s, the yardstick of the later phases too. */
    double run() throws Exception {
        System.out.println("ingest: starting a second producer with access control off, to compare with");
        PackagedApp open = bench.services().startExtra("producer", "producer-open", Access.OPEN).app();
        try {
            return run(new Target("key", producer, Access.INGEST_KEY), new Target("off", open, null));
        } finally {
            bench.services().stopExtra(open);
        }
    }

    private double run(Target secured, Target open) throws Exception {
        Report report = bench.report();

        System.out.println("ingest: warm-up " + WARM_UP.toSeconds() + " s on each producer, then single events for "
                + SINGLE_DURATION.toSeconds() + " s on each over " + SINGLE_CONNECTIONS
                + " connections, in turns: secured, open, open, secured");
        Comparison single = compare("single", secured, open, SINGLE_CONNECTIONS, WARM_UP, SINGLE_DURATION, 1);
        HttpLoad.Result singleLoad = single.secured().load();
        System.out.printf("ingest: %,.0f events/s acknowledged with the ingest key, p50 %.1f ms, p99 %.1f ms; open %,.0f"
                + " events/s%n", singleLoad.eventsPerSecond(), singleLoad.latencyMicros().getValueAtPercentile(50) / 1000.0,
                singleLoad.latencyMicros().getValueAtPercentile(99) / 1000.0, single.open().load().eventsPerSecond());

        // What this machine's HTTP stack answers when the producer does nothing at all (a 404), over the same
        // connections: the bound on single-event ingest, whatever Kafka could take. Asked of the open producer: the
        // secured one answers a path no row names only after checking credentials.
        HttpLoad.Result ceiling = bench.load().closedLoop(open.producer().port(), NO_SUCH_PATH, null, HttpLoad.JSON,
                SINGLE_CONNECTIONS, CEILING_DURATION, 0, 0, (first, count) -> Buffer.buffer());
        double ceilingRate = ceiling.requests() / ceiling.seconds();
        System.out.printf("ingest: HTTP ceiling %,.0f requests/s (404 answers, nothing done)%n", ceilingRate);

        System.out.println("ingest: batches of " + BATCH_SIZE + " for " + BATCH_DURATION.toSeconds() + " s on each producer"
                + " over " + BATCH_CONNECTIONS + " connections, in the same turns");
        Comparison batch = compare("batch", secured, open, BATCH_CONNECTIONS, BATCH_WARM_UP, BATCH_DURATION, BATCH_SIZE);
        System.out.printf("ingest: %,.0f events/s acknowledged in batches with the ingest key; open %,.0f events/s%n",
                batch.secured().load().eventsPerSecond(), batch.open().load().eventsPerSecond());

        System.out.println("ingest: reading page-events back to check every acknowledged event is there");
        Map<String, TopicAudit.Found> found = TopicAudit.read(bench.bootstrapServers(), Topics.PAGE_EVENTS.defaultName(),
                List.of(prefix(secured, "single"), prefix(open, "single"), prefix(secured, "batch"), prefix(open, "batch")));

        int recordSize = PageEventJson.toBytes(new PageEvent(bench.pageName(secured.pages("single"), 7), "u1234567",
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

        figures("ingest-1", "single events", singleLoad, found.get(prefix(secured, "single")), perf.recordsPerSecond(),
                SINGLE_TARGET_PERCENT);
        report.info("ingest-1", "latency p50", singleLoad.latencyMicros().getValueAtPercentile(50) / 1000.0, "ms");
        report.info("ingest-1", "latency p99", singleLoad.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms");
        report.info("ingest-1", "producer CPU (of one core)", 100 * single.secured().producerCpu(), "%");
        report.info("ingest-1", ProcStats.OWN_CPU, 100 * single.secured().ownCpu(), "%");
        costOfAccess("ingest-1", single, found.get(prefix(open, "single")));
        report.info("ingest-1", "HTTP ceiling: empty 404 answers, same connections", ceilingRate, "req/s");
        report.info("ingest-1", "  single events vs that ceiling", 100 * singleLoad.eventsPerSecond() / ceilingRate, "%");
        report.detail("http-ceiling", "statuses", ceiling.statuses());
        report.detail("http-ceiling", "requestsPerSecond", ceilingRate);
        HttpLoad.Result batchLoad = batch.secured().load();
        figures("ingest-500", "batches of " + BATCH_SIZE, batchLoad, found.get(prefix(secured, "batch")),
                perf.recordsPerSecond(), BATCH_TARGET_PERCENT);
        report.info("ingest-500", "request latency p99", batchLoad.latencyMicros().getValueAtPercentile(99) / 1000.0, "ms");
        report.info("ingest-500", "producer CPU (of one core)", 100 * batch.secured().producerCpu(), "%");
        report.info("ingest-500", ProcStats.OWN_CPU, 100 * batch.secured().ownCpu(), "%");
        costOfAccess("ingest-500", batch, found.get(prefix(open, "batch")));
        return perf.recordsPerSecond();
    }

    /**
     * {@code load} on both producers after a warm-up of each: secured, open, open, secured, each for half of
     * {@code duration}, the second half of each numbering its events on from the first.
     */
    private Comparison compare(String load, Target secured, Target open, int connections, Duration warmUp,
            Duration duration, int eventsPerRequest) throws InterruptedException {
        post(secured, "warm", connections, warmUp, 0, eventsPerRequest);
        post(open, "warm", connections, warmUp, 0, eventsPerRequest);
        Duration half = duration.dividedBy(2);
        Measured securedFirst = measure(secured, load, connections, half, 0, eventsPerRequest);
        Measured openFirst = measure(open, load, connections, half, 0, eventsPerRequest);
        Measured openSecond = measure(open, load, connections, half, openFirst.load().nextEvent(), eventsPerRequest);
        Measured securedSecond = measure(secured, load, connections, half, securedFirst.load().nextEvent(),
                eventsPerRequest);
        return new Comparison(securedFirst.plus(securedSecond), openFirst.plus(openSecond));
    }

    private Measured measure(Target target, String load, int connections, Duration duration, long firstEvent,
            int eventsPerRequest) throws InterruptedException {
        long pid = target.producer().pid();
        double cpu = ProcStats.cpuSeconds(pid);
        double ownCpu = ProcStats.ownCpuSeconds();
        HttpLoad.Result result = post(target, target.pages(load), connections, duration, firstEvent, eventsPerRequest);
        return new Measured(result, ProcStats.cpuSeconds(pid) - cpu, ProcStats.ownCpuSeconds() - ownCpu);
    }

    /** What the names of the pages {@code target} is sent {@code load} on start with. */
    private String prefix(Target target, String load) {
        return bench.pageName(target.pages(load), 0).replaceFirst("p0$", "");
    }

    private void figures(String phase, String what, HttpLoad.Result result, TopicAudit.Found found, double perf,
            double targetPercent) {
        Report report = bench.report();
        report.info(phase, what + ": events acknowledged (202)", result.eventsPerSecond(), "ev/s");
        report.atLeast(phase, "  vs ProducerPerformance", 100 * result.eventsPerSecond() / perf, "%", targetPercent);
        long missing = missing(result, found);
        report.check(phase, "acknowledged events missing from page-events", missing, "",
                "0 of " + result.ackedEvents(), missing == 0 && result.ackedEvents() > 0);
        loadDetails(phase, "", result);
        report.detail(phase, "eventsInKafka", found.events().cardinality());
        report.detail(phase, "duplicatesInKafka", found.duplicates());
        report.detail(phase, "acknowledgedMissingFromKafka", missing);
    }

    /** What a load did, as details of {@code phase}, each name after {@code prefix} (e.g. "openRequests"). */
    private void loadDetails(String phase, String prefix, HttpLoad.Result result) {
        Report report = bench.report();
        report.detail(phase, named(prefix, "requests"), result.requests());
        report.detail(phase, named(prefix, "statuses"), result.statuses());
        report.detail(phase, named(prefix, "transportFailures"), result.failures());
        report.detail(phase, named(prefix, "acknowledgedEvents"), result.ackedEvents());
        report.detail(phase, named(prefix, "seconds"), result.seconds());
        report.detail(phase, named(prefix, "eventsPerSecond"), result.eventsPerSecond());
        report.detail(phase, named(prefix, "latencyMs"), Latencies.summary(result.latencyMicros(), 1000.0));
    }

    private static String named(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The open producer's figures beside the secured one's: what access control costs. */
    private void costOfAccess(String phase, Comparison comparison, TopicAudit.Found found) {
        Report report = bench.report();
        HttpLoad.Result open = comparison.open().load();
        report.info(phase, "open producer (access off): events acknowledged", open.eventsPerSecond(), "ev/s");
        report.atLeast(phase, "  secured vs open", comparison.securedPercentOfOpen(), "%", SECURED_TARGET_PERCENT);
        report.info(phase, "  open producer CPU (of one core)", 100 * comparison.open().producerCpu(), "%");
        report.info(phase, "  producer CPU per event, secured vs open", comparison.cpuPerEventPercentOfOpen(), "%");
        long missing = missing(open, found);
        if (missing > 0 || open.ackedEvents() == 0) {
            report.note(phase + ": the open producer acknowledged " + open.ackedEvents() + " events, " + missing
                    + " of them missing from page-events");
        }
        loadDetails(phase, "open", open);
        report.detail(phase, "openAcknowledgedMissingFromKafka", missing);
        report.detail(phase, "securedPercentOfOpen", comparison.securedPercentOfOpen());
        report.detail(phase, "cpuPerEventPercentOfOpen", comparison.cpuPerEventPercentOfOpen());
    }

    /** How many events {@code result} had acknowledged are not in page-events. */
    private static long missing(HttpLoad.Result result, TopicAudit.Found found) {
        BitSet missing = (BitSet) result.acked().clone();
        missing.andNot(found.events());
        return missing.cardinality();
    }

    private HttpLoad.Result post(Target target, String phase, int connections, Duration duration, long firstEvent,
            int eventsPerRequest) throws InterruptedException {
        String[] pages = new String[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = bench.pageName(phase, i);
        }
        return bench.load().closedLoop(target.producer().port(), "/events", target.authorization(), HttpLoad.JSON,
                connections, duration, firstEvent, eventsPerRequest, (first, count) -> {
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
