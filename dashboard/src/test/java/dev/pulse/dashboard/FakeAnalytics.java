package dev.pulse.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.pulse.event.ErrorResponse;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the analytics service's query API (the dashboard talks to nothing else): a real HTTP server on
 * a free port that counts the calls it gets. Each {@code GET /counts} answer carries its call number as the
 * epoch second of {@code windowStart}, so a test can tell which poll a snapshot came from. {@code GET /pages}
 * ranks the same pages: views as counted, visitors one fewer (at least one), and {@link #TIME_ON_PAGE}.
 */
public class FakeAnalytics implements QuarkusTestResourceLifecycleManager {

    /** Injects the running {@link FakeAnalytics} into a test's field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    public enum Behaviour {
        ANSWER,
        /** 503 with {@code Retry-After: 1}, as analytics does while rebalancing. */
        REBALANCE,
        /** Answers only after the dashboard's read timeout. */
        HANG
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static final TimeOnPage TIME_ON_PAGE = new TimeOnPage(1_500L, 4_000L, 2_000.0);
    /** The distinct visitors of all pages that {@code GET /pages} answers. */
    static final long TOTAL_VISITORS = 7;

    private final AtomicInteger countsCalls = new AtomicInteger();
    private final AtomicInteger pagesCalls = new AtomicInteger();
    private final List<URI> pagesRequests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile Map<String, Long> counts = Map.of();
    private volatile URI lastHistoryRequest;
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool();
        listen();
        return Map.of("quarkus.rest-client.analytics.url", "http://127.0.0.1:" + address.getPort());
    }

    @Override
    public void stop() {
        goDown();
        executor.shutdownNow();
    }

    /** Stops listening, as a crashed analytics does: connections are refused until {@link #comeBack()}. */
    public synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again, on the same address. */
    public synchronized void comeBack() {
        if (server == null) {
            listen();
        }
    }

    private void listen() {
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/counts", this::handle);
        server.createContext("/pages", this::handle);
        server.start();
        address = server.getAddress();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, FakeAnalytics.class));
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public void answerCounts(Map<String, Long> counts) {
        this.counts = counts;
    }

    /** How many times {@code GET /counts} was called so far. */
    public int countsCalls() {
        return countsCalls.get();
    }

    /** How many times {@code GET /pages} was called so far. */
    public int pagesCalls() {
        return pagesCalls.get();
    }

    /** Every {@code GET /pages} request so far. */
    public List<URI> pagesRequests() {
        return List.copyOf(pagesRequests);
    }

    public URI lastHistoryRequest() {
        return lastHistoryRequest;
    }

    /** The call number a snapshot was answered to, see the class comment. */
    public static long callNumberOf(CountsSnapshot snapshot) {
        return snapshot.windowStart().getEpochSecond();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/pages")) {
                pagesCalls.incrementAndGet();
                pagesRequests.add(exchange.getRequestURI());
            }
            boolean history = path.equals("/counts/history");
            int call = history || path.equals("/pages") ? 0 : countsCalls.incrementAndGet();
            if (history) {
                lastHistoryRequest = exchange.getRequestURI();
            }
            switch (behaviour) {
                case REBALANCE -> {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 503, ErrorResponse.of("stores are rebalancing"));
                }
                case HANG -> {
                    sleepPastTheReadTimeout();
                    send(exchange, 200, snapshot(call));
                }
                case ANSWER -> send(exchange, 200, path.equals("/pages") ? pages() : history ? history() : snapshot(call));
            }
        }
    }

    private Object snapshot(int call) {
        Instant start = Instant.ofEpochSecond(call);
        return new CountsSnapshot(start, start.plusSeconds(5), counts, false);
    }

    private Object pages() {
        Instant to = Instant.parse("2026-11-24T10:20:00Z");
        List<PageSummary> pages = counts.entrySet().stream()
                .map(page -> new PageSummary(page.getKey(), page.getValue(), Math.max(1, page.getValue() - 1), TIME_ON_PAGE))
                .sorted(Comparator.comparingLong(PageSummary::views).reversed().thenComparing(PageSummary::name))
                .toList();
        long views = counts.values().stream().mapToLong(Long::longValue).sum();
        return new PageRanking(to.minusSeconds(300), to, new PageTotals(views, TOTAL_VISITORS), pages, false);
    }

    private Object history() {
        Instant start = Instant.parse("2026-11-24T10:15:00Z");
        return new CountsHistory(List.of(
                new CountsWindow(start, start.plusSeconds(5), counts),
                new CountsWindow(start.plusSeconds(5), start.plusSeconds(10), counts)), false);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleepPastTheReadTimeout() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
