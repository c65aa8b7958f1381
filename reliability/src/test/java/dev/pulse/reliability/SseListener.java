package dev.pulse.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-behaved browser: reads the dashboard's SSE stream as fast as it comes, on its own thread, noting when each
 * tick's event arrived ({@code counts}, or {@code status} when analytics did not answer in time) and how large the
 * latest {@code counts} snapshot was.
 */
final class SseListener implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final InputStream stream;
    private final List<Long> arrivals = new ArrayList<>();
    private volatile int lastSnapshotChars;

    private SseListener(InputStream stream) {
        this.stream = stream;
        Thread reader = new Thread(this::read, "sse-listener");
        reader.setDaemon(true);
        reader.start();
    }

    static SseListener connect(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", Http.VIEWER).build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            }
            return new SseListener(response.body());
        } catch (IOException e) {
            throw new AssertionError("Could not open " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tick events received so far. */
    synchronized int ticks() {
        return arrivals.size();
    }

    /** The longest wait between two tick events received from the {@code from}-th on, in milliseconds. */
    synchronized long longestGapMillisSince(int from) {
        long longest = 0;
        for (int i = Math.max(1, from + 1); i < arrivals.size(); i++) {
            longest = Math.max(longest, (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
        }
        return longest;
    }

    int lastSnapshotChars() {
        return lastSnapshotChars;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16)) {
            String event = "message";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    if (event.equals("counts")) {
                        lastSnapshotChars = line.length();
                    }
                    synchronized (this) {
                        arrivals.add(System.nanoTime());
                    }
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        } catch (IOException closed) {
            // close() was called.
        }
    }
}
