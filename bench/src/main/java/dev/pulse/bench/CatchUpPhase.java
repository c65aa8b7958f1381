package dev.pulse.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.event.Topics;
import dev.pulse.testing.PackagedApp;

/**
 * Phase 3: a million events already in a topic, and analytics started cold on it (its own application id, empty
 * state directory); records/s until its committed offsets reach the topic's end, with the full per-page aggregate
 * (views, visitors, time on page). Then a restart on the state it built (graceful stop, same state directory): time
 * to ready, and to the first {@code /counts/history} answer over the backlog equal to the one before the stop. Last,
 * the size of that aggregate as the state store keeps it: the latest value of each page and window in the store's
 * changelog. And beside it, the same backlog taken in by Kafka Streams alone ({@link StreamsFloor}), with analytics'
 * settings: how much of the time is Kafka Streams' and how much Pulse's own work; and by analytics counting its finest
 * windows only, without the rollups: what keeping history costs.
 */
final class CatchUpPhase {

    static final int EVENTS = 1_000_000;
    static final int PAGES = 200;
    /** The backlog's events are dated over this past span, in order: as if analytics had been down that long. */
    static final Duration BACKLOG_SPAN = Duration.ofMinutes(10);
    static final Duration LIMIT = Duration.ofSeconds(150);
    /**
     * The month's events come one per 8.6 s of event time, each alone in its 5 s window, so every event closes a window
     * and takes about ten times longer than in the dense backlog.
     */
    static final Duration MONTH_LIMIT = Duration.ofSeconds(420);
    static final double TARGET_PERCENT = 100;
    /** 30 days of state for the restart: a backlog dated over them. */
    static final Duration MONTH = Duration.ofDays(30);
    static final int MONTH_EVENTS = 300_000;
    static final double MONTH_READY_TARGET_SECONDS = 5;
    /** What catch-up with every resolution must keep of catch-up with the finest only. */
    static final double ROLLUPS_TARGET_PERCENT = 75;
    /** Analytics counting its finest windows only: no rollups. */
    private static final Map<String, String> FINEST_ONLY = Map.of("analytics.rollups", "");
    /**
     * Analytics' window stores of per-page aggregates, one per resolution (default configuration), whose changelogs are
     * {@code <application.id>-<store>-changelog}.
     */
    static final List<String> STATS_STORES = List.of("page-stats", "page-rollup-PT1M", "page-rollup-PT1H", "page-rollup-P1D");

    private record Sample(long nanos, long committed) {
    }

    /** A group's rate from its first commit seen to its last (start-up is not in it), when it caught up (-1: not in time). */
    private record CatchUp(double recordsPerSecond, long caughtUpNanos, long committedAtEnd) {
    }

    private static final Map<StreamsFloor.Shape, String> FLOOR_NAMES = Map.of(
            StreamsFloor.Shape.read, "records read, offsets committed",
            StreamsFloor.Shape.count, "Kafka's windowed count() per page");

    /** Seconds from the restarted process's start to ready, and to its first correct answer (NaN: none in time). */
    private record Restart(double readySeconds, double correctSeconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bench bench;

    CatchUpPhase(Bench bench) {
        this.bench = bench;
    }

    void run(double producerPerformance) throws Exception {
        OwnAnalytics own = OwnAnalytics.create(bench, "catchup");
        String events = own.pageEvents();
        int partitions = Topics.PAGE_EVENTS.partitions();

        System.out.printf("catch-up: producing %,d events to %s%n", EVENTS, events);
        Instant backlogFrom = Instant.now().minus(BACKLOG_SPAN);
        double preloadRate = preload(events, backlogFrom, BACKLOG_SPAN, EVENTS);
        String applicationId = own.applicationId();
        List<TopicPartition> source = partitionsOf(events);

        try (Admin admin = bench.kafka().admin()) {
            long end = endOffsets(admin, source);
            long started = System.nanoTime();
            Services.Started cold = own.start(bench, "analytics-catchup");
            PackagedApp analytics = cold.app();
            double readySeconds = cold.readySeconds();
            System.out.printf("catch-up: analytics ready after %.1f s, counting%n", readySeconds);
            CatchUp catchUp = follow(admin, applicationId, source, end, started, LIMIT);
            long caughtUp = catchUp.caughtUpNanos();
            double rate = catchUp.recordsPerSecond();
            double rssMb = ProcStats.rssMb(analytics.pid());
            String history = "/counts/history?from=" + backlogFrom + "&to=" + Instant.now();
            Restart restart = caughtUp < 0 ? null : restart(own, analytics, "analytics-catchup", history);
            if (restart == null) {
                bench.services().stopExtra(analytics);
            }

            Report report = bench.report();
            report.info("catch-up", "analytics, 1M events backlog: records/s (views, visitors, time on page)", rate, "rec/s");
            report.atLeast("catch-up", "  vs ProducerPerformance", 100 * rate / producerPerformance, "%", TARGET_PERCENT);
            report.info("catch-up", "  start to caught up", caughtUp < 0 ? Double.NaN : (caughtUp - started) / 1e9, "s");
            report.detail("catch-up", "events", end);
            report.detail("catch-up", "preloadRecordsPerSecond", preloadRate);
            report.detail("catch-up", "applicationId", applicationId);
            report.detail("catch-up", "readySeconds", readySeconds);
            report.detail("catch-up", "caughtUp", caughtUp >= 0);
            report.detail("catch-up", "committedAtEnd", catchUp.committedAtEnd());
            report.detail("catch-up", "recordsPerSecond", rate);
            report.detail("catch-up", "secondsStartToCaughtUp", caughtUp < 0 ? null : (caughtUp - started) / 1e9);
            report.detail("catch-up", "rssMbWhenCaughtUp", rssMb);
            if (caughtUp < 0) {
                report.note("catch-up: analytics had committed " + catchUp.committedAtEnd() + " of " + end + " records after "
                        + LIMIT.toSeconds() + " s; the rate shown is until then");
            }
            System.out.printf("catch-up: %,.0f records/s%n", rate);
            if (restart != null) {
                report.info("catch-up", "restart on that state: process start to ready", restart.readySeconds(), "s");
                report.info("catch-up", "  to the first correct /counts/history answer", restart.correctSeconds(), "s");
                report.detail("catch-up", "restartReadySeconds", restart.readySeconds());
                report.detail("catch-up", "restartCorrectSeconds", restart.correctSeconds());
                System.out.printf("catch-up: restarted on its state, ready in %.2f s, first correct answer after %.2f s%n",
                        restart.readySeconds(), restart.correctSeconds());
            }

            // Back to back, in the order every, finest, finest, every: a drift of the machine's speed over the four
            // runs weighs on both sides alike.
            double finestOnly = (catchUpRate(own, "finest-1", FINEST_ONLY, source, end, admin)
                    + catchUpRate(own, "finest-2", FINEST_ONLY, source, end, admin)) / 2;
            double everyAgain = catchUpRate(own, "every-2", Map.of(), source, end, admin);
            double every = (rate + everyAgain) / 2;
            report.info("catch-up", "  again with every resolution, after the two below", everyAgain, "rec/s");
            report.info("catch-up", "  with the finest resolution only (analytics.rollups empty), mean of two", finestOnly,
                    "rec/s");
            report.atLeast("catch-up", "  every resolution vs the finest only (means)", 100 * every / finestOnly, "%",
                    ROLLUPS_TARGET_PERCENT);
            report.detail("catch-up", "everyAgainRecordsPerSecond", everyAgain);
            report.detail("catch-up", "finestOnlyRecordsPerSecond", finestOnly);

            for (StreamsFloor.Shape shape : StreamsFloor.Shape.values()) {
                double floor = floor(shape, events, partitions, end);
                report.info("catch-up", "  Kafka Streams alone, same settings: " + FLOOR_NAMES.get(shape), floor, "rec/s");
                report.info("catch-up", "    vs ProducerPerformance", 100 * floor / producerPerformance, "%");
                report.info("catch-up", "    analytics vs this", 100 * rate / floor, "%");
                report.detail("catch-up", "floorRecordsPerSecond-" + shape, floor);
                System.out.printf("catch-up: Kafka Streams alone (%s): %,.0f records/s%n", shape, floor);
            }

            restartOnAMonth();


            for (String store : STATS_STORES) {
                StoreSizes sizes = storeSizes(applicationId + "-" + store + "-changelog");
                report.info("catch-up", "state store " + store + " per page per window (serialized)", sizes.meanBytes(), "B");
                report.detail("catch-up", store + "-values", sizes.values());
                report.detail("catch-up", store + "-meanBytes", sizes.meanBytes());
                report.detail("catch-up", store + "-maxBytes", sizes.maxBytes());
                report.detail("catch-up", store + "-viewsPerPageAndWindow", (double) EVENTS / sizes.values());
                System.out.printf("catch-up: %s: %d page windows, %.0f bytes each on average, at most %d%n", store,
                        sizes.values(), sizes.meanBytes(), sizes.maxBytes());
            }
        }
    }

    /**
     * Analytics restarted on 30 days of state: {@link #MONTH_EVENTS} events dated over the last 30 days, in order (so
     * that none is late), taken in by an instance of its own, which is then stopped and started again on its state.
     */
    private void restartOnAMonth() throws Exception {
        OwnAnalytics month = OwnAnalytics.create(bench, "month");
        Instant to = Instant.now();
        Instant from = to.minus(MONTH);
        preload(month.pageEvents(), from, MONTH, MONTH_EVENTS);
        List<TopicPartition> source = partitionsOf(month.pageEvents());
        Report report = bench.report();
        try (Admin admin = bench.kafka().admin()) {
            long end = endOffsets(admin, source);
            long started = System.nanoTime();
            Services.Started cold = month.start(bench, "analytics-month");
            CatchUp catchUp = follow(admin, month.applicationId(), source, end, started, MONTH_LIMIT);
            if (catchUp.caughtUpNanos() < 0) {
                bench.services().stopExtra(cold.app());
                report.note(String.format("catch-up: analytics had not taken in 30 days of events after %d s: %,d of %,d,"
                        + " at %,.0f records/s", MONTH_LIMIT.toSeconds(), catchUp.committedAtEnd(), end, catchUp.recordsPerSecond()));
                return;
            }
            Restart restart = restart(month, cold.app(), "analytics-month", "/pages?top=10&from=" + from + "&to=" + to);
            report.atMost("catch-up", "restart on 30 days of state (" + MONTH_EVENTS / 1000 + "k events): ready",
                    restart.readySeconds(), "s", MONTH_READY_TARGET_SECONDS);
            report.info("catch-up", "  to the first correct /pages answer over the 30 days", restart.correctSeconds(), "s");
            report.info("catch-up", "  taking in the 30 days before (each event alone in its 5 s window)",
                    catchUp.recordsPerSecond(), "rec/s");
            report.detail("catch-up", "monthRestartReadySeconds", restart.readySeconds());
            report.detail("catch-up", "monthRestartCorrectSeconds", restart.correctSeconds());
            System.out.printf("catch-up: restarted on 30 days of state, ready in %.2f s, first correct answer after %.2f s%n",
                    restart.readySeconds(), restart.correctSeconds());
        }
    }

    /**
     * The catch-up rate of another analytics application with {@code settings} on the same backlog, from a group and
     * state of its own: with the finest windows only, say, against every resolution.
     */
    private double catchUpRate(OwnAnalytics own, String suffix, Map<String, String> settings, List<TopicPartition> source,
            long end, Admin admin) throws Exception {
        OwnAnalytics other = own.another(suffix);
        String name = "analytics-catchup-" + suffix;
        long started = System.nanoTime();
        Services.Started run = other.start(bench, name, name, settings);
        try {
            CatchUp catchUp = follow(admin, other.applicationId(), source, end, started, LIMIT);
            System.out.printf("catch-up: %s: %,.0f records/s%n", suffix, catchUp.recordsPerSecond());
            return catchUp.recordsPerSecond();
        } finally {
            bench.services().stopExtra(run.app());
        }
    }

    /** The partitions of a phase's events topic, created with those of page-events. */
    private static List<TopicPartition> partitionsOf(String topic) {
        return IntStream.range(0, Topics.PAGE_EVENTS.partitions()).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    /** Samples the offsets {@code group} commits on {@code source} until they reach {@code end} or the limit passes. */
    private static CatchUp follow(Admin admin, String group, List<TopicPartition> source, long end, long started,
            Duration limit)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        long caughtUp = -1;
        long deadline = started + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long committed = committed(admin, group, source);
            samples.add(new Sample(System.nanoTime(), committed));
            if (committed >= end) {
                caughtUp = samples.get(samples.size() - 1).nanos();
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Sample first = samples.stream().filter(s -> s.committed() > 0).findFirst().orElse(null);
        Sample last = samples.get(samples.size() - 1);
        double rate = first == null || last == first ? 0
                : (last.committed() - first.committed()) / ((last.nanos() - first.nanos()) / 1e9);
        return new CatchUp(rate, caughtUp, last.committed());
    }

    /**
     * The catch-up rate of a bare Kafka Streams application ({@link StreamsFloor}) on the same backlog, in a JVM of its
     * own with the services' options; NaN if it did not take the whole backlog in within the limit.
     */
    private double floor(StreamsFloor.Shape shape, String events, int partitions, long end) throws Exception {
        String applicationId = "bench-" + bench.runId() + "-floor-" + shape;
        String output = bench.topic("floor-" + shape);
        bench.kafka().createTopics(Map.of(output, partitions));
        List<String> command = JvmOptions.javaCommand(bench.repositoryRoot(), bench.libDir(),
                JvmOptions.forServices(bench.repositoryRoot()), StreamsFloor.class.getName());
        command.addAll(List.of(bench.bootstrapServers(), events, output, applicationId,
                Services.stateDir(bench.workDir(), applicationId).toString(), shape.name(), Long.toString(end)));
        Path log = bench.log("streams-floor-" + shape);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith(StreamsFloor.RATE_LINE)) {
                        return Double.parseDouble(line.substring(StreamsFloor.RATE_LINE.length()));
                    }
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            bench.report().note("catch-up: Kafka Streams alone (" + shape + ") did not take the whole backlog in within "
                    + LIMIT.toSeconds() + " s; see " + log);
            return Double.NaN;
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The answer without the {@code p50} and {@code p95} of any {@code duration} in it. */
    private static JsonNode withoutQuantiles(JsonNode answer) {
        answer.findParents("p50").forEach(duration -> ((ObjectNode) duration).remove(List.of("p50", "p95")));
        return answer;
    }

    /**
     * Stops the caught-up {@code analytics} as an operator would and starts a new process on its state directory;
     * a correct answer is one equal, as JSON, to the stopped one's answer to {@code history}, time-on-page quantiles
     * left out: a merge of KLL sketches compacts at random, so two answers over several windows may differ there.
     */
    private Restart restart(OwnAnalytics own, PackagedApp analytics, String name, String history) throws Exception {
        HttpLoad.Answer before = bench.load().get(analytics, history, Access.VIEWER_KEY);
        if (before.status() != 200) {
            throw new IllegalStateException("GET " + history + " answered " + before.status() + " before the restart");
        }
        JsonNode expected = withoutQuantiles(JSON.readTree(before.body().getBytes()));
        bench.services().stopExtra(analytics);
        long begin = System.nanoTime();
        Services.Started restarted = own.start(bench, name + "-restarted", name);
        try {
            long deadline = begin + LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                HttpLoad.Answer answer = bench.load().get(restarted.app(), history, Access.VIEWER_KEY);
                if (answer.status() == 200 && withoutQuantiles(JSON.readTree(answer.body().getBytes())).equals(expected)) {
                    return new Restart(restarted.readySeconds(), (System.nanoTime() - begin) / 1e9);
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            return new Restart(restarted.readySeconds(), Double.NaN);
        } finally {
            bench.services().stopExtra(restarted.app());
        }
    }

    private record StoreSizes(long values, double meanBytes, long maxBytes) {
    }

    /** The serialized size of the latest value of every key in a changelog topic, read to its end. */
    private StoreSizes storeSizes(String changelog) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<ByteBuffer, Integer> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(changelog).stream()
                    .map(info -> new TopicPartition(changelog, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        latest.remove(ByteBuffer.wrap(record.key()));
                    } else {
                        latest.put(ByteBuffer.wrap(record.key()), record.value().length);
                    }
                }
            }
        }
        IntSummaryStatistics sizes = latest.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        return new StoreSizes(sizes.getCount(), sizes.getAverage(), sizes.getCount() == 0 ? 0 : sizes.getMax());
    }

    /** Produces a backlog of {@code events} dated over {@code span} as fast as a plain producer can; returns its rate. */
    private double preload(String topic, Instant from, Duration span, int events) throws InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(42);
        long stepNanos = span.toNanos() / events;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            awaitLeaders(producer, topic);
            for (int i = 0; i < events && failure.get() == null; i++) {
                String page = bench.pageName("catchup", random.nextInt(PAGES));
                Instant date = from.plusNanos(i * stepNanos);
                PageEvent event = new PageEvent(page, "u" + random.nextInt(10_000), date, (long) random.nextInt(9000));
                producer.send(new ProducerRecord<>(topic, null, date.toEpochMilli(), page, PageEventJson.toBytes(event)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The backlog of " + topic + " was not all written", failure.get());
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Waits until every partition of a topic just created has a leader: a producer writing before may see its first
     * batches refused and retried out of order, then expired.
     */
    private static void awaitLeaders(KafkaProducer<?, ?> producer, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (producer.partitionsFor(topic).stream().anyMatch(partition -> partition.leader() == null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Partitions of " + topic + " still without a leader after 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static long endOffsets(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static long committed(Admin admin, String group, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return partitions.stream().map(offsets::get).filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
}
