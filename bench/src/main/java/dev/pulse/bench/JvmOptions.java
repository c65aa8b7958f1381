package dev.pulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The services' JVM options, as {@code make run} (scripts/run.sh) uses them: {@code JAVA_OPTS} if set, else the
 * argument file {@code scripts/jvm.options} followed by the service's own {@code scripts/jvm-<service>.options} if
 * there is one, so that the bench measures what people run.
 */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> forService(Path repositoryRoot, String module) {
        List<String> options = forServices(repositoryRoot);
        Path own = repositoryRoot.resolve("scripts/jvm-" + module + ".options");
        if (javaOpts() == null && Files.exists(own)) {
            return List.of(options.get(0), "@" + own);
        }
        return options;
    }

    static List<String> forServices(Path repositoryRoot) {
        String javaOpts = javaOpts();
        List<String> options = javaOpts == null
                ? List.of("@scripts/jvm.options")
                : Arrays.asList(javaOpts.trim().split("\\s+"));
        // run.sh runs from the checkout's top folder; the services here run from bench/.
        return options.stream()
                .map(o -> o.startsWith("@") && !Path.of(o.substring(1)).isAbsolute()
                        ? "@" + repositoryRoot.resolve(o.substring(1))
                        : o)
                .toList();
    }

    /** {@code JAVA_OPTS}, or null when unset or blank. */
    private static String javaOpts() {
        String javaOpts = System.getenv("JAVA_OPTS");
        return javaOpts == null || javaOpts.isBlank() ? null : javaOpts;
    }

    /**
     * The command that runs {@code mainClass} of the bench's classpath in a JVM of its own with {@code options},
     * logging at WARN as Kafka's console tools do.
     */
    static List<String> javaCommand(Path repositoryRoot, Path libDir, List<String> options, String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Dlogging.configuration=file:" + repositoryRoot.resolve("scripts/kafka-tools-logging.properties"),
                "-cp", libDir.getParent().resolve("pulse-bench.jar") + ":" + libDir.toAbsolutePath() + "/*",
                mainClass));
        return command;
    }

    /** The options as the JVM sees them, argument files expanded (for the report). */
    static List<String> expanded(List<String> options) {
        return options.stream().flatMap(o -> o.startsWith("@") ? read(Path.of(o.substring(1))).stream() : List.of(o).stream())
                .toList();
    }

    private static List<String> read(Path argumentFile) {
        try {
            return Files.readAllLines(argumentFile).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .flatMap(line -> Arrays.stream(line.split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the JVM options in " + argumentFile, e);
        }
    }
}
