package dev.pulse.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands between the browser and a service on loopback, passing every request and answer on unchanged, and keeps
 * each request as it arrived: what the browser really sent (its cookies, its Origin), which the service itself does
 * not tell.
 */
final class RecordingRelay implements AutoCloseable {

    /** A request as the browser sent it: header names in lower case. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
    }

    /** Set by the HTTP clients themselves, per hop. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final String target;

    private RecordingRelay(String target) throws IOException {
        this.target = target.replaceAll("/+$", "");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::relay);
        server.start();
    }

    /** A relay to {@code target} (scheme://host:port), on a free loopback port. */
    static RecordingRelay to(String target) {
        try {
            return new RecordingRelay(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests received so far, in order of arrival. */
    List<Request> received() {
        return List.copyOf(received);
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String path = exchange.getRequestURI().toString();
            received.add(new Request(exchange.getRequestMethod(), path, headers, new String(body, StandardCharsets.UTF_8)));

            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name)) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answered = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), answered.length == 0 ? -1 : answered.length);
            if (answered.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answered);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
