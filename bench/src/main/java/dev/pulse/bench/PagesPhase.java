package dev.pulse.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.event.Topics;
import dev.pulse.testing.PackagedApp;

/**
 * Phase 7: {@code GET /pages} on three analytics instances over 5 minutes of views of 1,000 distinct pages: latency
 * of the top-10 ranking, whose answer merges every page's sketches from all three instances, over those 5 minutes and
 * over the last 30 days. The instances form a
 * group of their own on a topic of their own: on {@code page-events}, where the generator writes views of now, views
 * dated over the last 5 minutes would be too late to count.
 */
final class PagesPhase {

    static final int PAGES = 1_000;
    static final int EVENTS = 200_000;
    static final int VISITORS = 20_000;
    static final int INSTANCES = 3;
    static final Duration SPAN = Duration.ofMinutes(5);
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    static final Duration MEASURE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bench bench;

    PagesPhase(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Report report = bench.report();
        OwnAnalytics own = OwnAnalytics.create(bench, "pages");
        List<PackagedApp> instances = new ArrayList<>();
        try {
            for (int i = 1; i <= INSTANCES; i++) {
                instances.add(own.start(bench, "analytics-pages-" + i).app());
            }
            PackagedApp analytics = instances.get(0);
            Instant to = Instant.now();
            Instant from = to.minus(SPAN);
            long views = produce(own.pageEvents(), from);
            String uri = "/pages?top=10&from=" + encode(from) + "&to=" + encode(to);
            System.out.printf("pages: %,d views of %,d pages over %s on %d instances; waiting for all of them%n", views,
                    PAGES, SPAN, INSTANCES);
            double settleSeconds = awaitViews(analytics, uri, views);
            if (Double.isNaN(settleSeconds)) {
                report.note("pages: the three instances had not counted every view after " + SETTLE_LIMIT.toSeconds()
                        + " s; latency measured anyway");
            }

            Map<Integer, Long> statuses = new TreeMap<>();
            Histogram latencyMicros = measure(analytics, uri, statuses);
            double p99 = latencyMicros.getValueAtPercentile(99) / 1000.0;
            report.info("pages", "GET /pages p99, 1,000 pages over 5 min, 3 instances", p99, "ms");
            report.info("pages", "  p50", latencyMicros.getValueAtPercentile(50) / 1000.0, "ms");
            report.detail("pages", "latencyMs", Latencies.summary(latencyMicros, 1000.0));
            report.detail("pages", "views", views);
            report.detail("pages", "secondsUntilCounted", settleSeconds);
            System.out.printf("pages: p99 %.1f ms over %d requests %s%n", p99, latencyMicros.getTotalCount(), statuses);

            // The same pages over the last 30 days: days, hours, minutes and seconds read on each instance (the views
            // are all in the last 5 minutes, so this measures what tiling a long range costs, not more data).
            String month = "/pages?top=10&from=" + encode(to.minus(Duration.ofDays(30))) + "&to=" + encode(to);
            Histogram monthMicros = measure(analytics, month, statuses);
            double monthP99 = monthMicros.getValueAtPercentile(99) / 1000.0;
            report.info("pages", "GET /pages p99, the same over 30 days", monthP99, "ms");
            report.atMost("pages", "  vs 5 min", 100 * monthP99 / p99, "%", 100);
            report.detail("pages", "latencyMs30Days", Latencies.summary(monthMicros, 1000.0));
            report.detail("pages", "statuses", statuses);
            System.out.printf("pages: over 30 days p99 %.1f ms over %d requests%n", monthP99, monthMicros.getTotalCount());
        } finally {
            instances.forEach(bench.services()::stopExtra);
        }
    }

    /** Latencies of {@code uri} asked one request after another for {@link #MEASURE}; statuses added up. */
    private Histogram measure(PackagedApp analytics, String uri, Map<Integer, Long> statuses) throws Exception {
        Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long deadline = System.nanoTime() + MEASURE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpLoad.Answer answer = bench.load().get(analytics, uri, Access.VIEWER_KEY);
            statuses.merge(answer.status(), 1L, Long::sum);
            latencyMicros.recordValue(Math.min(answer.nanos() / 1000, latencyMicros.getHighestTrackableValue()));
        }
        return latencyMicros;
    }

    /** Views of {@link #PAGES} pages by {@link #VISITORS} visitors, dated over the span; returns how many count. */
    private long produce(String topic, Instant from) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20);
        Random random = new Random(7);
        long stepNanos = SPAN.toNanos() / EVENTS;
        long counted = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < EVENTS; i++) {
                String page = bench.pageName("pages", random.nextInt(PAGES));
                Instant date = from.plusNanos(i * stepNanos);
                long duration = random.nextInt(30_000);
                counted += duration > 100 ? 1 : 0;
                PageEvent event = new PageEvent(page, "v" + random.nextInt(VISITORS), date, duration);
                producer.send(new ProducerRecord<>(topic, null, date.toEpochMilli(), page,
                        PageEventJson.toBytes(event)));
            }
            producer.flush();
        }
        return counted;
    }

    /** Seconds until {@code GET /pages} counts every view (only this phase's events are in its range), or NaN. */
    private double awaitViews(PackagedApp analytics, String uri, long views) throws Exception {
        long start = System.nanoTime();
        long deadline = start + SETTLE_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpLoad.Answer answer = bench.load().get(analytics, uri, Access.VIEWER_KEY);
            if (answer.status() == 200) {
                JsonNode ranking = JSON.readTree(answer.body().getBytes());
                if (!ranking.get("partial").asBoolean() && ranking.get("totals").get("views").asLong() >= views) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return Double.NaN;
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }
}
