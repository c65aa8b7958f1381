package dev.pulse.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.testing.PackagedApp;

/**
 * Browsers that vanish and browsers that never read, on the packaged dashboard fed by the real analytics: the
 * dashboard forgets the vanished ones (its {@code pulse_dashboard_clients_connected} gauge comes back to the live
 * clients), does not buffer snapshots without bound for the stuck ones (what it retains, heap after a GC plus
 * direct buffers, stays far below what buffering every snapshot would take), and a normal browser keeps getting a
 * snapshot every tick meanwhile.
 * <p>
 * Snapshots are made large on purpose (thousands of pages with long names in the latest window, and a dashboard
 * that shows and sends the most pages it can), so that a stuck client's TCP window fills within a tick or two and
 * any unbounded buffering would show at once.
 */
@ExtendWith(ReliabilitySuite.class)
class SlowSseClientIT {

    private static final Sizing SIZING = Sizing.CURRENT;
    private static final Duration TICK = PulseStack.DASHBOARD_TICK;
    private static final int PAGES = 2000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long MB = 1024 * 1024;

    /** What the dashboard process holds: live heap after a full GC, and NIO direct buffers (Netty's outbound bytes). */
    private record Retained(long heap, long direct) {
        long total() {
            return heap + direct;
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MB + direct %.1f MB", heap / (double) MB, direct / (double) MB);
        }
    }

    @Test
    void vanishingAndStuckClientsNeitherLeakNorHoldBackALiveOne(PulseStack stack, ReliabilityReport report) throws IOException {
        PackagedApp dashboard = stack.dashboard();
        fillTheLatestWindow(stack);
        try (SseListener live = SseListener.connect(dashboard.url("/stream"))) {
            await("large snapshots reaching a live client").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> live.ticks() >= 2 && live.lastSnapshotChars() > PulseStack.DASHBOARD_TOP_PAGES * 100);
            Retained atStart = retained(dashboard);

            // Clients that connect and vanish without a goodbye (RST), half before reading a byte, in rounds for at
            // least three ticks: the live client's snapshots fall due while the storm is on, however fast a round is.
            int beforeStorm = live.ticks();
            long stormEnds = System.nanoTime() + TICK.multipliedBy(3).toNanos();
            int vanished = 0;
            do {
                vanish(dashboard, SIZING.vanishingClients());
                vanished += SIZING.vanishingClients();
            } while (System.nanoTime() < stormEnds);
            int duringStorm = live.ticks() - beforeStorm;
            await("the connected gauge back to the one live client").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> connectedGauge(dashboard) == 1);
            Retained afterStorm = retained(dashboard);

            // Clients that never read: their receive windows fill, and the dashboard must not queue for them.
            fillTheLatestWindow(stack);
            List<Socket> stuck = openStuckClients(dashboard, SIZING.stuckClients());
            int fromTick;
            Retained whileStuck;
            long longestGap;
            int snapshotChars;
            try {
                await("the stuck clients counted as connected").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                        .until(() -> connectedGauge(dashboard) == SIZING.stuckClients() + 1);
                fromTick = live.ticks();
                await("an event per tick for the live client while the others are stuck")
                        .atMost(TICK.multipliedBy(SIZING.stuckTicks() * 3L)).pollInterval(Duration.ofMillis(100))
                        .until(() -> live.ticks() >= fromTick + SIZING.stuckTicks());
                longestGap = live.longestGapMillisSince(fromTick);
                snapshotChars = live.lastSnapshotChars();
                whileStuck = retained(dashboard);
                assertEquals(SIZING.stuckClients() + 1, connectedGauge(dashboard), "stuck clients are still connected");
            } finally {
                stuck.forEach(SlowSseClientIT::reset);
            }
            await("the connected gauge back to the one live client").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                    .until(() -> connectedGauge(dashboard) == 1);
            int afterStuck = live.ticks();
            await("the live client still served").atMost(PATIENCE).until(() -> live.ticks() > afterStuck);

            long unbounded = (long) SIZING.stuckClients() * snapshotChars * SIZING.stuckTicks();
            // At most a few snapshots per stuck client (one waiting, one being written), plus GC noise.
            long bound = (long) SIZING.stuckClients() * snapshotChars * 4 + 16 * MB;
            long grown = whileStuck.total() - afterStorm.total();
            report.note(String.format("SSE: %d vanished (gauge back to 1), %d stuck for %d ticks of %d KB snapshots; "
                    + "dashboard retained %s at start, %s after the storm, %s while stuck (growth %+.1f MB, bound %.1f MB, "
                    + "buffering all would be %.0f MB); live client's longest gap %d ms (tick %d ms)",
                    vanished, SIZING.stuckClients(), SIZING.stuckTicks(), snapshotChars / 1024, atStart,
                    afterStorm, whileStuck, grown / (double) MB, bound / (double) MB, unbounded / (double) MB, longestGap,
                    TICK.toMillis()));
            assertAll("dashboard under vanishing and stuck clients",
                    () -> assertTrue(duringStorm > 0, "the live client was served while clients came and vanished"),
                    () -> assertTrue(grown < bound, "memory held for stuck clients: grew " + grown / MB + " MB, bound "
                            + bound / MB + " MB (" + afterStorm + " -> " + whileStuck + ")"),
                    () -> assertTrue(longestGap <= TICK.toMillis() * 4, "the live client waited " + longestGap
                            + " ms for a tick's event while others were stuck (tick " + TICK.toMillis() + " ms)"),
                    () -> assertEquals(200, Http.get(dashboard.url("/q/health/ready")).statusCode(), "dashboard ready"));
        }
    }

    /** Views of {@link #PAGES} pages with long names, dated now: the latest window's snapshot is large. */
    private static void fillTheLatestWindow(PulseStack stack) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ProducerRecord<byte[], byte[]>> views = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            String page = String.format("rel-%s-sse-%s-%04d", stack.runId, "x".repeat(90), i);
            views.add(new ProducerRecord<>(PulseStack.PAGE_EVENTS, page.getBytes(StandardCharsets.UTF_8),
                    PageEventJson.toBytes(new PageEvent(page, "sse", now, 500L))));
        }
        stack.kafka().produceAll(views);
        await("analytics' latest window holding every page").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> Http.getJson(stack.analytics().url("/counts")).path("counts").size() >= PAGES);
    }

    private static void vanish(PackagedApp dashboard, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger answered = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                boolean readFirst = i % 2 == 0;
                done.add(pool.submit(() -> {
                    Socket socket = connect(dashboard);
                    if (readFirst) {
                        answered.addAndGet(readSome(socket) > 0 ? 1 : 0);
                    }
                    reset(socket);
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("A vanishing client failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(answered.get() > 0, "the dashboard answered the clients that waited for it");
    }

    private static List<Socket> openStuckClients(PackagedApp dashboard, int clients) {
        List<Socket> stuck = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            stuck.add(connect(dashboard));
        }
        return stuck;
    }

    /** A socket with a small receive buffer, having asked for the stream; nothing is read from it here. */
    private static Socket connect(PackagedApp dashboard) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", dashboard.port()), 2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1:" + dashboard.port()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: " + Http.VIEWER + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int readSome(Socket socket) throws IOException {
        socket.setSoTimeout((int) TICK.multipliedBy(4).toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read(new byte[512]);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    /** Gone without a goodbye: a TCP reset, as when a laptop lid closes on a flaky network. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    private static long connectedGauge(PackagedApp dashboard) {
        return (long) metric(Http.getAsAdmin(dashboard.url("/q/metrics")).body(), "pulse_dashboard_clients_connected");
    }

    /** After a full GC in the dashboard's JVM (jcmd), its live heap and direct buffers. */
    private static Retained retained(PackagedApp dashboard) {
        long pid = dashboard.pid();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0, "jcmd GC.run: " + output);
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd (part of the JDK) is needed to measure the dashboard's memory", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String metrics = Http.getAsAdmin(dashboard.url("/q/metrics")).body();
        return new Retained((long) metric(metrics, "jvm_memory_used_bytes{area=\"heap\""),
                (long) metric(metrics, "jvm_buffer_memory_used_bytes{id=\"direct\""));
    }

    /** The sum of the samples of a Prometheus metric whose line starts with {@code prefix}. */
    private static double metric(String metrics, String prefix) {
        double sum = metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith(prefix)), "no " + prefix + " in /q/metrics");
        return sum;
    }
}
