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
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import dev.pulse.security.NewCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the analytics service's query API (the dashboard talks to nothing else): a real HTTP server on
 * a free port that counts the calls it gets. Each {@code GET /counts} answer carries its call number as the
 * epoch second of {@code windowStart}, so a test can tell which poll a snapshot came from. {@code GET /pages}
 * ranks the same pages: views as counted, visitors one fewer (at least one), and {@link #TIME_ON_PAGE}.
 * <p>
 * Ranges behave as analytics' do: a range asked for is answered as the windows covering it (5 s windows for
 * {@code /pages}; for {@code /counts/history} the finest resolution giving at most 300 windows, which the dashboard
 * always leaves to analytics), ranges ending before {@link #answerPast} are answered with those counts instead, and a
 * range from after to, or starting before what {@link #keep} allows, is refused with a 400 in the shared error form.
 * <p>
 * As a secured analytics does, it answers only calls that carry its key ({@code Authorization: Bearer}), and refuses
 * any other with a 401: the key it gives the dashboard as {@code pulse.dashboard.analytics-key}.
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
        HANG,
        /** 401 to every call, as analytics answers a key removed from its configuration. */
        REVOKED_KEY
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static final TimeOnPage TIME_ON_PAGE = new TimeOnPage(1_500L, 4_000L, 2_000.0);
    /** The distinct visitors of all pages that {@code GET /pages} answers. */
    static final long TOTAL_VISITORS = 7;
    /** What analytics keeps unless a test says otherwise: everything. */
    static final Duration KEPT = Duration.ofDays(100 * 365);
    /** Analytics' resolutions by the names {@code /counts/history} uses ({@code Duration} would say PT24H), finest first. */
    static final Map<String, Duration> RESOLUTIONS = new LinkedHashMap<>();

    static {
        RESOLUTIONS.put("PT5S", Duration.ofSeconds(5));
        RESOLUTIONS.put("PT1M", Duration.ofMinutes(1));
        RESOLUTIONS.put("PT1H", Duration.ofHours(1));
        RESOLUTIONS.put("P1D", Duration.ofDays(1));
    }

    private static final Duration PAGE_WINDOW = Duration.ofSeconds(5);
    private static final int MAX_WINDOWS = 300;

    private final String key = NewCredentials.key();
    /** Every Authorization header of the calls so far. */
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private final AtomicInteger countsCalls = new AtomicInteger();
    private final AtomicInteger pagesCalls = new AtomicInteger();
    private final List<URI> pagesRequests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile Map<String, Long> counts = Map.of();
    private volatile URI lastHistoryRequest;
    private final List<URI> historyRequests = new CopyOnWriteArrayList<>();
    private volatile Past past;
    private volatile Duration kept = KEPT;
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool();
        listen();
        return Map.of("quarkus.rest-client.analytics.url", "http://127.0.0.1:" + address.getPort(),
                "pulse.dashboard.analytics-key", key);
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

    /**
     * Ranges ending before {@code before} are answered with these counts and visitors (by {@code /pages}) rather than
     * the current ones: the previous periods of the dashboard's ranges, when {@code before} lies between the two.
     * {@code null} answers every range alike.
     */
    public void answerPast(Instant before, Map<String, Long> counts, long visitors) {
        this.past = before == null ? null : new Past(before, counts, visitors);
    }

    /** Ranges starting longer ago than this are refused, as analytics refuses ranges beyond what it keeps. */
    public void keep(Duration kept) {
        this.kept = kept;
    }

    /** The key it answers, which the dashboard is given. */
    public String key() {
        return key;
    }

    /** The {@code Authorization} headers of the calls so far, each once. */
    public Set<String> authorizations() {
        return Set.copyOf(authorizations);
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

    /** Every {@code GET /counts/history} request so far. */
    public List<URI> historyRequests() {
        return List.copyOf(historyRequests);
    }

    /** A request's query parameters, decoded. */
    public static Map<String, String> queryOf(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] keyValue = pair.split("=", 2);
                query.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            }
        }
        return query;
    }

    /** The call number a snapshot was answered to, see the class comment. */
    public static long callNumberOf(CountsSnapshot snapshot) {
        return snapshot.windowStart().getEpochSecond();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            if (behaviour == Behaviour.REVOKED_KEY || !("Bearer " + key).equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                send(exchange, 401, ErrorResponse.of("Unknown or revoked key"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/pages")) {
                pagesCalls.incrementAndGet();
                pagesRequests.add(exchange.getRequestURI());
            }
            boolean history = path.equals("/counts/history");
            int call = history || path.equals("/pages") ? 0 : countsCalls.incrementAndGet();
            if (history) {
                lastHistoryRequest = exchange.getRequestURI();
                historyRequests.add(exchange.getRequestURI());
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
                case ANSWER -> answer(exchange, path, call);
            }
        }
    }

    private void answer(HttpExchange exchange, String path, int call) throws IOException {
        Map<String, String> query = queryOf(exchange.getRequestURI());
        try {
            send(exchange, 200, path.equals("/pages") ? pages(query) : path.equals("/counts/history") ? history(query) : snapshot(call));
        } catch (IllegalArgumentException refused) {
            send(exchange, 400, ErrorResponse.of("Invalid request: " + refused.getMessage()));
        }
    }

    private Object snapshot(int call) {
        Instant start = Instant.ofEpochSecond(call);
        return new CountsSnapshot(start, start.plusSeconds(5), counts, false);
    }

    /**
     * Without a range, analytics' default, the last 5 minutes: the fixed ones the live poll's tests know, always the
     * present. With one, the 5 s windows covering it.
     */
    private Object pages(Map<String, String> query) {
        Instant to = Instant.parse("2026-11-24T10:20:00Z");
        Instant from = to.minusSeconds(300);
        Past then = null;
        if (query.containsKey("from") && query.containsKey("to")) {
            Instant asked = Instant.parse(query.get("to"));
            Instant[] covered = covered(Instant.parse(query.get("from")), asked, PAGE_WINDOW);
            from = covered[0];
            to = covered[1];
            then = pastFor(asked);
        }
        Map<String, Long> answered = then == null ? counts : then.counts();
        long top = Long.parseLong(query.getOrDefault("top", "10"));
        List<PageSummary> pages = answered.entrySet().stream()
                .map(page -> new PageSummary(page.getKey(), page.getValue(), Math.max(1, page.getValue() - 1), TIME_ON_PAGE))
                .sorted(Comparator.comparingLong(PageSummary::views).reversed().thenComparing(PageSummary::name))
                .limit(top)
                .toList();
        long views = answered.values().stream().mapToLong(Long::longValue).sum();
        long visitors = then == null ? TOTAL_VISITORS : then.visitors();
        return new PageRanking(from, to, new PageTotals(views, visitors), pages, false);
    }

    /** The counts in the last two windows of the range covered. */
    private Object history(Map<String, String> query) {
        Instant to = query.containsKey("to") ? Instant.parse(query.get("to")) : Instant.now();
        Instant from = query.containsKey("from") ? Instant.parse(query.get("from")) : to.minusSeconds(300);
        String name = finestFor(from, to);
        Duration resolution = RESOLUTIONS.get(name);
        Instant[] covered = covered(from, to, resolution);
        Past then = pastFor(to);
        Map<String, Long> answered = then == null ? counts : then.counts();
        Instant last = covered[1].minus(resolution);
        return new CountsHistory(covered[0], covered[1], name, List.of(
                new CountsWindow(last.minus(resolution), last, answered),
                new CountsWindow(last, covered[1], answered)), false);
    }

    /** The past's counts for a range asked to end at {@code to}, if it ends before the present. */
    private Past pastFor(Instant to) {
        Past then = past;
        return then != null && to.isBefore(then.before()) ? then : null;
    }

    /** The windows of {@code size} overlapping [from, to]: those starting at or before to and ending after from. */
    private Instant[] covered(Instant from, Instant to, Duration size) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (from.isBefore(Instant.now().minus(kept))) {
            throw new IllegalArgumentException("from " + from + " is older than any window kept (" + kept.toDays() + " days)");
        }
        return new Instant[] { floor(from, size), floor(to, size).plus(size) };
    }

    private static Instant floor(Instant instant, Duration size) {
        long millis = size.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), millis) * millis);
    }

    private static String finestFor(Instant from, Instant to) {
        return RESOLUTIONS.entrySet().stream()
                .filter(size -> Duration.between(floor(from, size.getValue()), floor(to, size.getValue()).plus(size.getValue()))
                        .dividedBy(size.getValue()) <= MAX_WINDOWS)
                .map(Map.Entry::getKey)
                .findFirst().orElse("P1D");
    }

    private record Past(Instant before, Map<String, Long> counts, long visitors) {
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
