package dev.pulse.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Pulse service started from its build output as a child process on a free port, for tests that need
 * several services or several instances of one. That is the native executable when the build made one
 * ({@code ./mvnw verify -Dnative}), else the packaged jar, as {@code <module>/target/quarkus-artifact.properties}
 * says. Its output goes to {@code target/<name>.log} of the module running the test.
 */
public final class PackagedApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The exec form of a Dockerfile's CMD: a JSON array of strings. */
    private static final Pattern CMD = Pattern.compile("^CMD\\s+(\\[.*])\\s*$");
    /** The end of Quarkus' start-up line, e.g. {@code started in 2.303s. Listening on: http://0.0.0.0:39323}. */
    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://\\S+:(\\d+)");
    /** For {@link #start}: any free port, the one the app's start-up line names. */
    public static final int ANY_PORT = 0;

    /**
     * The tests' heap, and native access for analytics' RocksDB, which Java 24 and later warn about (and will refuse)
     * without it; Java 17 and 21 accept the option.
     */
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx256m", "--enable-native-access=ALL-UNNAMED");

    private final String name;
    /** {@link #ANY_PORT} until the app says where it listens. */
    private volatile int port;
    private final Process process;
    private final Path log;

    private PackagedApp(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code module}'s packaged app and waits until {@code /q/health/ready} answers UP.
     *
     * @param name   a name for logs and messages, e.g. {@code analytics-2}
     * @param port   its HTTP port, or {@link #ANY_PORT} for whichever is free when it starts, which leaves no time
     *               for another process to take it; a port chosen earlier is for an app whose configuration must
     *               name its own port (analytics, which tells its peers where it answers), or that restarts on it
     * @param config Quarkus configuration, passed as system properties
     */
    public static PackagedApp start(String module, String name, int port, Map<String, String> config) {
        return start(module, name, port, config, DEFAULT_JVM_OPTIONS);
    }

    /**
     * As {@link #start(String, String, int, Map)}, with {@code jvmOptions} (e.g. the heap settings of
     * {@code make run}, or {@code @scripts/jvm.options}) instead of the tests' default heap when the app runs on
     * a JVM. A native executable runs with the options its container image gives it, as {@code make run
     * MODE=native} does: see {@link #command}.
     */
    public static PackagedApp start(String module, String name, int port, Map<String, String> config,
            List<String> jvmOptions) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.putAll(config);
        List<String> command = command(repositoryRoot().resolve(module), jvmOptions, properties);
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            // A test JVM that ends before a test closes its app (a failure while it starts, a timeout) must not
            // leave the app running on the machine.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            PackagedApp app = new PackagedApp(name, port, process, log);
            try {
                app.awaitReady(Duration.ofSeconds(60));
            } catch (RuntimeException notReady) {
                app.kill();
                throw notReady;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * The command that runs the build output of the module in {@code moduleDir}, as Quarkus recorded it in
     * {@code target/quarkus-artifact.properties}: for {@code type=native} the executable, with the options of its
     * image ({@link #imageOptions}); otherwise this JVM running the jar with {@code jvmOptions}. Either way
     * {@code systemProperties} are passed as {@code -Dkey=value}.
     */
    static List<String> command(Path moduleDir, List<String> jvmOptions, Map<String, String> systemProperties) {
        Path target = moduleDir.resolve("target");
        Properties artifact = artifactOf(target);
        String type = artifact.getProperty("type", "");
        Path path = target.resolve(artifact.getProperty("path", ""));
        List<String> command = new ArrayList<>();
        boolean nativeExecutable = type.equals("native");
        if (nativeExecutable) {
            command.add(path.toString());
            command.addAll(imageOptions(moduleDir.resolve("src/main/docker/Dockerfile.native-micro")));
        } else if (type.equals("jar") || type.equals("uber-jar")) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
        } else {
            throw new IllegalStateException(target + " holds a " + type + " build, which cannot run: package "
                    + moduleDir.getFileName() + " again (as a jar, or with -Dnative)");
        }
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (!nativeExecutable) {
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }

    /**
     * The options a native image gives its executable: the {@code CMD} of its Dockerfile (its maximum heap), which
     * {@code make run MODE=native} uses too; none when it has no CMD.
     */
    static List<String> imageOptions(Path dockerfile) {
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                Matcher cmd = CMD.matcher(line.strip());
                if (cmd.matches()) {
                    return List.of(new ObjectMapper().readValue(cmd.group(1), String[].class));
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image options in " + dockerfile, e);
        }
    }

    private static Properties artifactOf(Path target) {
        Path file = target.resolve("quarkus-artifact.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " does not exist: package " + target.getParent().getFileName()
                    + " first (make test does)");
        }
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return artifact;
    }

    /**
     * Waits until the app says it listens on its port and its {@code /q/health/ready} answers UP; fails with its
     * log's location if it dies or never gets there. Its own start-up line, not just an answer on the port, says
     * that the one answering is this app.
     */
    private void awaitReady(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        Optional<Integer> listening = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (listening.isEmpty()) {
                listening = listeningPort();
                if (listening.isPresent() && port != ANY_PORT && port != listening.get()) {
                    throw new IllegalStateException(name + " listens on " + listening.get() + ", not on " + port
                            + "; see " + log);
                }
                listening.ifPresent(heard -> port = heard);
            }
            if (listening.isPresent() && answersReady()) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(name + " was not ready within " + limit + "; see " + log);
    }

    private Optional<Integer> listeningPort() {
        try {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            return listening.find() ? Optional.of(Integer.parseInt(listening.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log of " + name, e);
        }
    }

    private boolean answersReady() {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The process id, e.g. to read its memory and CPU use from {@code /proc/<pid>}. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The checkout's top folder: the nearest folder upwards holding {@code mvnw}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Not inside the Pulse checkout: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
