package dev.pulse.dashboard;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A real server-sent events client for tests: reads {@code event:}/{@code data:} lines off one HTTP connection
 * on its own thread, and notes whether the server ended the stream.
 */
final class SseClient implements AutoCloseable {

    record Event(String name, String data) {
        <T> T dataAs(Class<T> type) {
            try {
                return JSON.readValue(data, type);
            } catch (IOException e) {
                throw new AssertionError("Event data is not a " + type.getSimpleName() + ": " + data, e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient connect(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
        try {
            return new SseClient(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("Could not open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event called {@code name}, skipping others; fails if none comes within a generous limit. */
    Event next(String name) {
        return next(name, Event.class, event -> true);
    }

    <T> T next(String name, Class<T> type) {
        return next(name, type, data -> true);
    }

    /** The next event called {@code name} whose data, read as {@code type}, is {@code wanted}. */
    <T> T next(String name, Class<T> type, Predicate<T> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            for (;;) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("No matching '" + name + "' event within " + PATIENCE
                            + (ended ? "; the stream ended" : ""));
                }
                if (event.name().equals(name)) {
                    T data = type == Event.class ? type.cast(event) : event.dataAs(type);
                    if (wanted.test(data)) {
                        return data;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring("data:".length()).stripLeading());
                }
            }
            ended = true;
        } catch (IOException closedByTheTest) {
            // close() was called.
        }
    }
}
