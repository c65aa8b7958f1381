package dev.pulse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throw-away folders for brokers, Kafka Streams state and whole stacks started by tests and benchmarks. */
public final class TempDirs {

    private TempDirs() {
    }

    /**
     * A new empty folder under the system's temporary folder, its name starting with {@code prefix}; removed when
     * the JVM exits if it is still empty (a Kafka Streams state folder of a service without Kafka Streams, say).
     */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder " + prefix + "*", e);
        }
    }

    /** Deletes {@code dir} with all it holds, as far as it can: what remains is temporary files only. */
    public static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only temporary files are left behind.
        }
    }
}
