package dev.pulse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import dev.pulse.testing.PackagedApp;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * Phase 6: 10,000 browsers' worth of SSE connections on the dashboard's {@code GET /stream}. Each snapshot carries
 * the number the {@link AnalyticsProxy} gave its poll; its delivery lag is the time from the proxy handing the poll's
 * answer to the dashboard until a client has the snapshot. Also: upstream polls per tick (the dashboard's own
 * counter), and the dashboard's CPU and memory meanwhile. Then the bytes a browser receives per tick
 * ({@link TickBytes}).
 */
final class FanOutPhase {

    static final int CLIENTS = 10_000;
    static final Duration MEASURE = Duration.ofSeconds(15);
    static final Duration TICK = Duration.ofSeconds(1);
    static final double TARGET_P99_MS = 200;
    private static final int CONNECT_BATCH = 200;
    private static final int EVENT_LOOPS = 2;
    private static final Pattern POLL = Pattern.compile("\"" + AnalyticsProxy.POLL_PAGE + "\":(\\d+)");
    private static final Pattern POLL_METRIC = Pattern.compile("(?m)^pulse_dashboard_upstream_polls_total\\{[^}]*} ([0-9.eE+]+)$");

    private final Bench bench;
    private final PackagedApp dashboard;
    private final AnalyticsProxy proxy;

    private final Histogram lagMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private volatile long firstMeasured = Long.MAX_VALUE;
    private volatile long lastMeasured = Long.MAX_VALUE;

    FanOutPhase(Bench bench, PackagedApp dashboard, AnalyticsProxy proxy) {
        this.bench = bench;
        this.dashboard = dashboard;
        this.proxy = proxy;
    }

    void run() throws Exception {
        Report report = bench.report();
        int clients = CLIENTS;
        long fileLimit = ProcStats.openFilesLimit();
        if (fileLimit < CLIENTS + 1000) {
            clients = (int) Math.max(100, fileLimit - 1000);
            report.note("fan-out: ulimit -n is " + fileLimit + ", too low for " + CLIENTS + " connections; measured "
                    + clients + " (raise it with ulimit -n 65536)");
        }
        System.out.printf("fan-out: %d SSE clients on /stream (ulimit -n %d)%n", clients, fileLimit);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS));
        AtomicLong failed = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(clients);
        int poolSize = clients;
        AtomicInteger toConnect = new AtomicInteger(clients);
        try {
            long connectStart = System.nanoTime();
            // A connection stays on the event loop that opened it: one client per loop, so that the receiving side
            // is not one thread reading every stream.
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start() {
                    io.vertx.core.http.HttpClient client = vertx.createHttpClient(
                            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(10_000),
                            new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(-1));
                    connectSome(client, toConnect, connected, failed);
                }
            }, new DeploymentOptions().setInstances(EVENT_LOOPS));
            if (!connected.await(60, TimeUnit.SECONDS)) {
                report.note("fan-out: only " + (clients - connected.getCount()) + " of " + clients + " clients connected ("
                        + failed.get() + " failed)");
            }
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            // A full tick to settle, then measure from the next poll on.
            TimeUnit.MILLISECONDS.sleep(TICK.toMillis());
            double pollsBefore = upstreamPolls();
            double cpuBefore = ProcStats.cpuSeconds(dashboard.pid());
            double clientsCpuBefore = ProcStats.ownCpuSeconds();
            long begin = System.nanoTime();
            firstMeasured = proxy.polls() + 1;
            TimeUnit.MILLISECONDS.sleep(MEASURE.toMillis());
            double seconds = (System.nanoTime() - begin) / 1e9;
            double cpu = ProcStats.cpuSeconds(dashboard.pid()) - cpuBefore;
            double clientsCpu = ProcStats.ownCpuSeconds() - clientsCpuBefore;
            double polls = upstreamPolls() - pollsBefore;
            lastMeasured = proxy.polls();
            // Time for the last measured snapshot to reach every client.
            TimeUnit.MILLISECONDS.sleep(TICK.toMillis());
            double rssMb = ProcStats.rssMb(dashboard.pid());

            long snapshots = Math.max(0, lastMeasured - firstMeasured + 1);
            long expected = snapshots * (clients - connected.getCount());
            long delivered = deliveries.entrySet().stream()
                    .filter(e -> e.getKey() >= firstMeasured && e.getKey() <= lastMeasured)
                    .mapToLong(e -> e.getValue().get()).sum();
            double ticks = seconds / TICK.toSeconds();
            double p99;
            synchronized (lagMicros) {
                p99 = lagMicros.getValueAtPercentile(99) / 1000.0;
                report.detail("fan-out", "lagMs", Latencies.summary(lagMicros, 1000.0));
            }
            report.check("fan-out", "SSE clients connected", clients - connected.getCount(), "", "= " + CLIENTS,
                    connected.getCount() == 0 && clients == CLIENTS);
            report.check("fan-out", "upstream polls per tick", polls / ticks, "", "<= 1 (" + (long) Math.ceil(ticks)
                    + " ticks)", polls <= Math.ceil(ticks) + 1);
            report.atMost("fan-out", "delivery lag p99 (poll answer to client)", p99, "ms", TARGET_P99_MS);
            report.info("fan-out", "snapshots delivered", expected == 0 ? 0 : 100.0 * delivered / expected, "%");
            report.info("fan-out", "dashboard CPU (of one core)", 100 * cpu / seconds, "%");
            report.info("fan-out", "dashboard RSS with " + clients + " clients", rssMb, "MB");
            // Both cores are shared with the clients: each tick's deliveries are a burst for both sides.
            report.info("fan-out", ProcStats.OWN_CPU, 100 * clientsCpu / seconds, "%");
            report.detail("fan-out", "clients", clients);
            report.detail("fan-out", "connectSeconds", connectSeconds);
            report.detail("fan-out", "connectFailures", failed.get());
            report.detail("fan-out", "seconds", seconds);
            report.detail("fan-out", "upstreamPolls", polls);
            report.detail("fan-out", "snapshots", snapshots);
            report.detail("fan-out", "expectedDeliveries", expected);
            report.detail("fan-out", "deliveries", delivered);
            report.detail("fan-out", "dashboardCpuPercent", 100 * cpu / seconds);
            report.detail("fan-out", "dashboardRssMb", rssMb);
            report.detail("fan-out", "clientsCpuPercent", 100 * clientsCpu / seconds);
            System.out.printf("fan-out: lag p99 %.1f ms, %.2f polls per tick, dashboard CPU %.0f %%, clients' CPU %.0f %%%n",
                    p99, polls / ticks, 100 * cpu / seconds, 100 * clientsCpu / seconds);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
        // After the 10,000 clients: a thousand pages in every window would change what they measure.
        new TickBytes(bench, dashboard, proxy).run();
    }

    /** Opens up to a batch of streams from the calling event loop, then the next batch a moment later. */
    private void connectSome(io.vertx.core.http.HttpClient client, AtomicInteger toConnect, CountDownLatch connected,
            AtomicLong failed) {
        for (int i = 0; i < CONNECT_BATCH / EVENT_LOOPS && toConnect.getAndDecrement() > 0; i++) {
            client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                    .setPort(dashboard.port()).setURI("/stream").addHeader("Accept", "text/event-stream")
                    .addHeader(Access.AUTHORIZATION, Access.VIEWER_KEY))
                    .compose(request -> request.send())
                    .onSuccess(response -> {
                        if (response.statusCode() != 200) {
                            failed.incrementAndGet();
                            return;
                        }
                        connected.countDown();
                        response.handler(RecordParser.newDelimited("\n",
                                line -> received(line.toString(StandardCharsets.UTF_8))));
                    })
                    .onFailure(e -> failed.incrementAndGet());
        }
        if (toConnect.get() > 0) {
            Vertx.currentContext().owner().setTimer(100, id -> connectSome(client, toConnect, connected, failed));
        }
    }

    private void received(String line) {
        long now = System.nanoTime();
        if (!line.startsWith("data:")) {
            return;
        }
        Matcher poll = POLL.matcher(line);
        if (!poll.find()) {
            return;
        }
        long number = Long.parseLong(poll.group(1)) - AnalyticsProxy.POLL_BASE;
        if (number < firstMeasured || number > lastMeasured) {
            return;
        }
        deliveries.computeIfAbsent(number, n -> new AtomicInteger()).incrementAndGet();
        Long answered = proxy.answeredAt(number);
        if (answered != null) {
            synchronized (lagMicros) {
                lagMicros.recordValue(Math.max(0, now - answered) / 1000);
            }
        }
    }

    /**
     * The dashboard's own count of analytics polls, every outcome, read as the admin user. The user's bcrypt check
     * (tens of milliseconds) comes before each reading: the polls are counted over that much longer than the ticks
     * measured, well within the one poll the check allows for.
     */
    private double upstreamPolls() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(dashboard.url("/q/metrics"))).timeout(Duration.ofSeconds(5))
                        .header(Access.AUTHORIZATION, Access.ADMIN_USER).build(),
                HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) {
            throw new IllegalStateException("The dashboard's /q/metrics answered " + metrics.statusCode());
        }
        Matcher m = POLL_METRIC.matcher(metrics.body());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
