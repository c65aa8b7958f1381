package dev.pulse.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands between the dashboard and analytics: forwards every call with the credentials it carries, and numbers each
 * {@code GET /counts} answer by adding a page {@value #POLL_PAGE} whose count is {@link #POLL_BASE} plus the poll's
 * number, noting when it was handed back. An SSE client receiving snapshot n can then tell how long after the poll's
 * answer it arrived, and the polls can be counted.
 */
final class AnalyticsProxy implements AutoCloseable {

    static final String POLL_PAGE = "bench-poll";
    /** Far above any page's views, so that the poll's page is the window's first, which the dashboard always sends on. */
    static final long POLL_BASE = 1_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String upstreamBase;
    private final AtomicLong polls = new AtomicLong();
    private final Map<Long, Long> answeredAt = new ConcurrentHashMap<>();

    AnalyticsProxy(int analyticsPort) throws IOException {
        upstreamBase = "http://127.0.0.1:" + analyticsPort;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The number of the latest {@code /counts} answer, 0 before the first. */
    long polls() {
        return polls.get();
    }

    /** When answer {@code poll} was handed back ({@link System#nanoTime()}), or null. */
    Long answeredAt(long poll) {
        return answeredAt.get(poll);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String target = upstreamBase + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(2))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            // Every value, as received: analytics judges the dashboard's credentials, not the proxy.
            exchange.getRequestHeaders().getOrDefault(Access.AUTHORIZATION, List.of())
                    .forEach(value -> request.header(Access.AUTHORIZATION, value));
            HttpResponse<byte[]> response;
            try {
                response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = response.body();
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            Long poll = null;
            if (uri.getRawPath().equals("/counts") && response.statusCode() == 200) {
                ObjectNode snapshot = (ObjectNode) JSON.readTree(body);
                poll = polls.incrementAndGet();
                ((ObjectNode) snapshot.get("counts")).put(POLL_PAGE, POLL_BASE + poll);
                body = JSON.writeValueAsBytes(snapshot);
                answeredAt.put(poll, System.nanoTime());
            }
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
