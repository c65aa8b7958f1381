package dev.pulse.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.testing.PackagedApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Phase 4: events posted one per request at a steady 1,000 events/s; ten of them a second are probes, each of a
 * page of its own. From each probe's 202, analytics' counts are read every few milliseconds until the probe's page
 * shows: the time between is the probe's freshness.
 * <p>
 * The probes are looked up with {@code GET /counts/history?name=}, not {@code GET /counts}: a probe acknowledged
 * just before a window ends would otherwise be hidden by the next window as soon as that one holds any count. A
 * look-up by name is a single-key read in analytics, much cheaper than a read of every page.
 */
final class FreshnessPhase {

    static final int RATE = 1000;
    static final int PROBES_PER_SECOND = 10;
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration DURATION = Duration.ofSeconds(20);
    static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    static final Duration GIVE_UP = Duration.ofSeconds(10);
    static final double TARGET_P99_MS = 25;
    private static final int PAGES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Bench bench;
    private final PackagedApp producer;
    private final PackagedApp analytics;

    private final Histogram freshnessMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong probesLost = new AtomicLong();
    /** Probes acknowledged and not yet seen in analytics: page name to the time of the 202. */
    private final Map<String, Long> awaited = new ConcurrentHashMap<>();
    private volatile boolean finished;

    FreshnessPhase(Bench bench, PackagedApp producer, PackagedApp analytics) {
        this.bench = bench;
        this.producer = producer;
        this.analytics = analytics;
    }

    void run() throws InterruptedException {
        System.out.printf("freshness: %d events/s for %d s (after %d s warm-up), %d probes/s%n", RATE,
                DURATION.toSeconds(), WARM_UP.toSeconds(), PROBES_PER_SECOND);
        int probes = (int) (DURATION.toSeconds() * PROBES_PER_SECOND);
        CountDownLatch probesDone = new CountDownLatch(probes);
        double analyticsCpu = ProcStats.cpuSeconds(analytics.pid());
        double ownCpu = ProcStats.ownCpuSeconds();
        long start = System.nanoTime();
        long probesFrom = start + WARM_UP.toNanos();
        long end = probesFrom + DURATION.toNanos();
        long[] sent = { 0 };
        int[] probesSent = { 0 };
        long eventsPerProbe = RATE / PROBES_PER_SECOND;
        long timer = bench.load().vertx().setPeriodic(10, id -> {
            long now = System.nanoTime();
            long due = Math.min(now, end) - start;
            for (long target = due * RATE / 1_000_000_000L; sent[0] < target; sent[0]++) {
                boolean probe = now >= probesFrom && sent[0] % eventsPerProbe == 0 && probesSent[0] < probes;
                if (probe) {
                    probe(bench.pageName("probe", probesSent[0]++), probesDone);
                } else {
                    post(bench.pageName("fresh", sent[0] % PAGES), sent[0]);
                }
            }
        });
        long[] lookUp = { -1 };
        lookForProbes(probesDone, lookUp);
        try {
            if (!probesDone.await(DURATION.plus(WARM_UP).plus(GIVE_UP).plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                bench.report().note("freshness: some probes were still unanswered at the end");
            }
        } finally {
            bench.load().vertx().cancelTimer(timer);
            finished = true;
            bench.load().vertx().cancelTimer(lookUp[0]);
        }
        double seconds = (Math.min(System.nanoTime(), end) - start) / 1e9;
        double elapsed = (System.nanoTime() - start) / 1e9;
        analyticsCpu = (ProcStats.cpuSeconds(analytics.pid()) - analyticsCpu) / elapsed;
        ownCpu = (ProcStats.ownCpuSeconds() - ownCpu) / elapsed;

        Report report = bench.report();
        report.info("freshness", "load: events/s acknowledged", accepted.get() / seconds, "ev/s");
        report.info("freshness", "202 to visible in analytics, p50", freshnessMicros.getValueAtPercentile(50) / 1000.0, "ms");
        report.atMost("freshness", "202 to visible in analytics, p99", freshnessMicros.getValueAtPercentile(99) / 1000.0,
                "ms", TARGET_P99_MS);
        report.check("freshness", "probes never seen (within " + GIVE_UP.toSeconds() + " s)", probesLost.get(), "",
                "0 of " + probes, probesLost.get() == 0);
        report.info("freshness", "analytics CPU (of one core)", 100 * analyticsCpu, "%");
        report.info("freshness", ProcStats.OWN_CPU, 100 * ownCpu, "%");
        report.detail("freshness", "rate", RATE);
        report.detail("freshness", "probes", probes);
        report.detail("freshness", "acceptedEvents", accepted.get());
        report.detail("freshness", "refusedOrFailed", refused.get());
        report.detail("freshness", "probesLost", probesLost.get());
        report.detail("freshness", "freshnessMs", Latencies.summary(freshnessMicros, 1000.0));
        System.out.printf("freshness: p50 %.1f ms, p99 %.1f ms%n", freshnessMicros.getValueAtPercentile(50) / 1000.0,
                freshnessMicros.getValueAtPercentile(99) / 1000.0);
    }

    private void post(String page, long number) {
        StringBuilder body = new StringBuilder(80);
        IngestPhase.event(body, page, number);
        bench.load().send(HttpMethod.POST, producer.port(), "/events", Access.INGEST_KEY, HttpLoad.JSON,
                Buffer.buffer(body.toString()))
                .onComplete(result -> count(result.succeeded() && result.result().status() == 202));
    }

    private void probe(String page, CountDownLatch done) {
        StringBuilder body = new StringBuilder(80);
        IngestPhase.event(body, page, 0);
        bench.load().send(HttpMethod.POST, producer.port(), "/events", Access.INGEST_KEY, HttpLoad.JSON,
                Buffer.buffer(body.toString()))
                .onComplete(result -> {
                    boolean ok = result.succeeded() && result.result().status() == 202;
                    count(ok);
                    if (ok) {
                        awaited.put(page, System.nanoTime());
                    } else {
                        probesLost.incrementAndGet();
                        done.countDown();
                    }
                });
    }

    /**
     * One look-up loop for all probes: each round asks for every awaited probe's page at once and starts again
     * {@link #POLL_INTERVAL} after the last answer, so that a slow analytics is asked less often, not more.
     */
    private void lookForProbes(CountDownLatch done, long[] timer) {
        List<Map.Entry<String, Long>> round = List.copyOf(awaited.entrySet());
        List<Future<Void>> answers = new ArrayList<>();
        for (Map.Entry<String, Long> probe : round) {
            String page = probe.getKey();
            long acknowledged = probe.getValue();
            String uri = "/counts/history?name=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&from="
                    + Instant.now().minus(GIVE_UP);
            answers.add(bench.load().send(HttpMethod.GET, analytics.port(), uri, Access.VIEWER_KEY, null, null).map(answer -> {
                long now = System.nanoTime();
                if (answer.status() == 200 && shows(answer.body(), page)) {
                    awaited.remove(page);
                    synchronized (freshnessMicros) {
                        freshnessMicros.recordValue((now - acknowledged) / 1000);
                    }
                    done.countDown();
                } else if (now - acknowledged > GIVE_UP.toNanos() && awaited.remove(page) != null) {
                    probesLost.incrementAndGet();
                    done.countDown();
                }
                return null;
            }));
        }
        Future.join(answers).onComplete(all -> {
            if (done.getCount() > 0 && !finished) {
                timer[0] = bench.load().vertx().setTimer(POLL_INTERVAL.toMillis(), id -> lookForProbes(done, timer));
            }
        });
    }

    private static boolean shows(Buffer body, String page) {
        try {
            for (JsonNode window : JSON.readTree(body.getBytes()).path("windows")) {
                if (window.path("counts").path(page).asLong() > 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            // An unreadable answer shows nothing; the next one will.
        }
        return false;
    }

    private void count(boolean ok) {
        (ok ? accepted : refused).incrementAndGet();
    }
}
