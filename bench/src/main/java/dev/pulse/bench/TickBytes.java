package dev.pulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 * Part of the fan-out phase: what one browser on the live view receives per tick, with 10 and with 1,000 pages viewed
 * in every window. Each page is viewed once a second (events of now, on {@code page-events}, through the real
 * analytics), so that the latest window holds all of them; then one SSE client reads {@code GET /stream} for
 * {@link #TICKS} ticks and the bytes of each tick's events are added up, as they travel (UTF-8, SSE framing included,
 * HTTP chunking not). 1 KB is 1,000 bytes.
 */
final class TickBytes {

    static final List<Integer> PAGES = List.of(10, 1_000);
    static final int TARGET_PAGES = 1_000;
    static final double TARGET_KB = 10;
    static final int TICKS = 10;
    /** More than a window, so that every window the stream and the last 5 minutes cover holds every page. */
    static final Duration WARM_UP = Duration.ofSeconds(7);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tick is a counts event then a pages event, or a status event alone. */
    private static final Set<String> TICK_STARTS = Set.of("event: counts", "event: status");

    private final Bench bench;
    private final PackagedApp dashboard;
    private final AnalyticsProxy proxy;

    TickBytes(Bench bench, PackagedApp dashboard, AnalyticsProxy proxy) {
        this.bench = bench;
        this.dashboard = dashboard;
        this.proxy = proxy;
    }

    void run() throws Exception {
        for (int pages : PAGES) {
            measure(pages);
        }
    }

    private void measure(int pages) throws Exception {
        Report report = bench.report();
        Set<String> names = IntStream.range(0, pages).mapToObj(page -> bench.pageName("bytes", page))
                .collect(Collectors.toSet());
        ScheduledExecutorService views = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            views.scheduleAtFixedRate(() -> viewEach(producer, names), 0, 1, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
            long inWindow = pagesInLatestWindow(names);
            long[] bytes = ticks();
            double meanKb = Arrays.stream(bytes).average().orElse(Double.NaN) / 1000;
            double maxKb = Arrays.stream(bytes).max().orElse(0) / 1000.0;
            String label = String.format("bytes per tick per browser, %,d pages", pages);
            if (pages == TARGET_PAGES) {
                report.atMost("fan-out", label, meanKb, "KB", TARGET_KB);
            } else {
                report.info("fan-out", label, meanKb, "KB");
            }
            report.detail("fan-out", "tickBytes" + pages, Map.of("pagesViewed", pages, "pagesInLatestWindow", inWindow,
                    "ticks", bytes.length, "meanKb", meanKb, "maxKb", maxKb));
            if (inWindow < pages) {
                report.note("fan-out: bytes per tick with " + pages + " pages measured while analytics' latest window held "
                        + inWindow + " of them");
            }
            System.out.printf("fan-out: %,d pages (%d in the latest window): %.2f KB per tick per browser (max %.2f)%n",
                    pages, inWindow, meanKb, maxKb);
        } finally {
            views.shutdownNow();
            views.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void viewEach(KafkaProducer<String, byte[]> producer, Set<String> names) {
        Instant now = Instant.now();
        int visitor = 0;
        for (String page : names) {
            PageEvent event = new PageEvent(page, "v" + (visitor++ % 50), now, 2_000L);
            producer.send(new ProducerRecord<>(Topics.PAGE_EVENTS.defaultName(), null, now.toEpochMilli(), page,
                    PageEventJson.toBytes(event)));
        }
    }

    /** How many of {@code names} analytics' latest window counts (asked through the proxy, as the dashboard asks). */
    private long pagesInLatestWindow(Set<String> names) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(proxy.url() + "/counts"))
                .timeout(Duration.ofSeconds(5)).header(Access.AUTHORIZATION, Access.VIEWER_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("Analytics' /counts answered " + answer.statusCode());
        }
        JsonNode counts = JSON.readTree(answer.body()).path("counts");
        return names.stream().filter(counts::has).count();
    }

    /** The bytes of each of the first {@link #TICKS} ticks on a new live stream (it starts with a whole tick). */
    private long[] ticks() throws IOException, InterruptedException {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(dashboard.url("/stream"))).header("Accept", "text/event-stream")
                        .header(Access.AUTHORIZATION, Access.VIEWER_KEY).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            stream.body().close();
            throw new IOException("The dashboard's /stream answered " + stream.statusCode());
        }
        long[] bytes = new long[TICKS];
        int tick = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (TICK_STARTS.contains(line) && ++tick == TICKS) {
                    return bytes;
                }
                if (tick >= 0) {
                    // The server ends every line with a single \n.
                    bytes[tick] += line.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
        }
        throw new IOException("the live stream ended after " + tick + " ticks");
    }
}
