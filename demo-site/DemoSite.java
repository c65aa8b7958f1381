import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo site of {@code make demo-site}: the static pages beside this file, served on loopback by the JDK's own
 * HTTP server (no other tool needed), with the tracker snippet pointing at the producer. Any path under /app/ that is
 * no file answers the single-page app, as its host would, so that a route can be reloaded.
 *
 * <p>Usage: {@code java demo-site/DemoSite.java [port (8090)] [producer URL (http://localhost:8081)]}
 */
public class DemoSite {

    private static final String SNIPPET_PRODUCER = "http://localhost:8081";
    /** Served as privacy-minded sites serve their pages, whose views must count all the same. */
    private static final String NO_REFERRER_PAGE = "about.html";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "ico", "image/x-icon");

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        String producer = args.length > 1 ? args[1].replaceAll("/+$", "") : SNIPPET_PRODUCER;
        Path pages = Path.of(DemoSite.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getParent().resolve("pages").toAbsolutePath().normalize();
        if (!Files.isDirectory(pages)) {
            pages = Path.of("demo-site", "pages").toAbsolutePath().normalize();
        }
        Path root = pages;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> serve(exchange, root, producer));
        server.start();
        String origin = "http://localhost:" + port;
        System.out.println("pulse: demo site on " + origin + "/ , tracked by the producer at " + producer);
        System.out.println("pulse: the producer must allow this origin, e.g. PULSE_PRODUCER_TRACKER_ALLOWED_ORIGINS="
                + origin + " make run ; Ctrl-C stops the site");
    }

    private static void serve(HttpExchange exchange, Path root, String producer) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1) + (path.endsWith("/") ? "index.html" : "")).normalize();
            if (!Files.isRegularFile(file) && path.startsWith("/app/")) {
                file = root.resolve("app/index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            if (name.endsWith(".html") && !producer.equals(SNIPPET_PRODUCER)) {
                body = new String(body, StandardCharsets.UTF_8).replace(SNIPPET_PRODUCER, producer)
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (name.equals(NO_REFERRER_PAGE)) {
                exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            }
            send(exchange, 200, type, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
