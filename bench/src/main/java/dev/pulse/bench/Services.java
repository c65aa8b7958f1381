package dev.pulse.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.testing.PackagedApp;

/**
 * The packaged services, each started on a free port with the JVM options of {@code make run} and access control on
 * ({@link Access}), timed from process start to the first {@code /q/health/ready} UP, with their memory after start
 * and at the end.
 */
final class Services implements AutoCloseable {

    /** How often the start-up clock asks for readiness: the resolution of the start-up figure. */
    private static final Duration READY_POLL = Duration.ofMillis(20);

    record Started(PackagedApp app, double readySeconds, double rssAfterStartMb) {
    }

    private final String bootstrapServers;
    private final Function<String, List<String>> jvmOptions;
    private final Map<String, Started> started = new LinkedHashMap<>();
    private final List<PackagedApp> extras = new ArrayList<>();

    /** @param jvmOptions each service's JVM options, by module */
    Services(String bootstrapServers, Function<String, List<String>> jvmOptions) {
        this.bootstrapServers = bootstrapServers;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Starts one of the services measured by the start-up phase; {@code config} adds to its access configuration or
     * overrides it.
     */
    PackagedApp start(String module, Map<String, String> config) {
        Started s = startTimed(module, module, config);
        started.put(module, s);
        System.out.printf("  %-10s ready in %.2f s, RSS %.0f MB (pid %d, port %d)%n", module, s.readySeconds(),
                s.rssAfterStartMb(), s.app().pid(), s.app().port());
        return s.app();
    }

    /** Starts a service outside the start-up figures (e.g. a second analytics for the catch-up phase), timed as they are. */
    Started startExtra(String module, String name, Map<String, String> config) {
        Started s = startTimed(module, name, config);
        extras.add(s.app());
        return s;
    }

    /**
     * Starts {@code module} on a port chosen here (analytics names its own port to its peers), timed from process
     * start to the first {@code /q/health/ready} UP.
     */
    private Started startTimed(String module, String name, Map<String, String> config) {
        Map<String, String> all = configOf(module, config);
        int port = EmbeddedKafka.freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(1)).build();
        AtomicLong readyAt = new AtomicLong();
        // PackagedApp waits for readiness too, but its polls are too far apart for the start-up figure.
        Thread clock = new Thread(() -> {
            while (readyAt.get() == 0 && !Thread.currentThread().isInterrupted()) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        readyAt.set(System.nanoTime());
                        return;
                    }
                } catch (IOException notListening) {
                    // Not up yet.
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(READY_POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ready-clock-" + name);
        long begin = System.nanoTime();
        clock.start();
        PackagedApp app;
        try {
            app = PackagedApp.start(module, name, port, all, jvmOptions.apply(module));
            clock.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clock.interrupt();
        }
        double seconds = readyAt.get() == 0 ? Double.NaN : (readyAt.get() - begin) / 1e9;
        return new Started(app, seconds, ProcStats.rssMb(app.pid()));
    }

    void stopExtra(PackagedApp app) {
        app.close();
        extras.remove(app);
    }

    Map<String, Started> started() {
        return started;
    }

    /** The access configuration of {@code module}, then {@code config}, then the broker. */
    private Map<String, String> configOf(String module, Map<String, String> config) {
        Map<String, String> all = Access.config(module);
        all.putAll(config);
        all.put("kafka.bootstrap.servers", bootstrapServers);
        return all;
    }

    static Path stateDir(Path work, String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        extras.forEach(PackagedApp::close);
        List<Started> all = new ArrayList<>(started.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).app().close();
        }
    }
}
