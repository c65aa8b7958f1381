package dev.pulse.analytics.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Page stats as Pulse stored them in its window stores and sent them to other instances before it ran on Java 25:
 * the files in {@code src/test/resources/stored-stats} were written by release 6996a50 (DataSketches 6.1.1, Java 17)
 * from the updates below, with their figures. Every build, on every JDK, must read them to the same figures, and
 * write the same bytes from the same updates, which those releases then read (the time-on-page sketch compacts at
 * random past its first few hundred times, so the largest case is only read).
 * <p>
 * The files are history, never to be rewritten; {@link #main} is how they were made.
 */
class StoredStatsCompatibilityTest {

    enum Stored {
        /** A few visitors and times: sketches in their smallest forms. */
        FEW(() -> stats(3, 3, 3)),
        /** Enough visitors for HLL's full array, times below the first compaction. */
        MANY(() -> stats(1000, 700, 150)),
        /** Times past KLL's first compactions. */
        COMPACTED(() -> stats(5000, 5000, 5000)),
        /** As the window store keeps a window between reads: sketches still encoded, with updates queued. */
        WITH_BACKLOG(() -> {
            PageStats stats = new PageStatsSerde().deserializer().deserialize("", PageStatsSerde.toBytes(stats(3, 3, 3)));
            for (int i = 3; i < 8; i++) {
                stats.addView("visitor-" + i);
                stats.addTimeOnPage(duration(i));
            }
            return stats;
        });

        final Supplier<PageStats> updates;

        Stored(Supplier<PageStats> updates) {
            this.updates = updates;
        }

        String file() {
            return name().toLowerCase() + ".bin";
        }
    }

    @ParameterizedTest
    @EnumSource(Stored.class)
    void statsStoredByEarlierReleasesReadToTheSameFigures(Stored stored) {
        PageStats read = PageStatsSerde.fromBytes(bytes(stored));

        Properties expected = figures();
        String prefix = stored.name() + ".";
        assertEquals(expected.getProperty(prefix + "views"), String.valueOf(read.views()));
        // The figures hold the sketch's estimate; what Pulse shows is never more than the views.
        long visitors = Long.parseLong(expected.getProperty(prefix + "visitors"));
        assertEquals(visitors, Math.round(read.visitorsSketch().getEstimate()));
        assertEquals(Math.min(visitors, read.views()), read.visitors());
        assertEquals(expected.getProperty(prefix + "timeOnPage"), String.valueOf(read.timeOnPage()));
    }

    @ParameterizedTest
    @EnumSource(value = Stored.class, names = "COMPACTED", mode = EnumSource.Mode.EXCLUDE)
    void theSameUpdatesWriteTheBytesEarlierReleasesWrote(Stored stored) {
        assertArrayEquals(bytes(stored), PageStatsSerde.toBytes(stored.updates.get()));
    }

    /** {@code views} views by {@code visitors} distinct visitors, and {@code times} times on page. */
    private static PageStats stats(int views, int visitors, int times) {
        PageStats stats = new PageStats();
        for (int i = 0; i < views; i++) {
            stats.addView("visitor-" + i % visitors);
        }
        for (int i = 0; i < times; i++) {
            stats.addTimeOnPage(duration(i));
        }
        return stats;
    }

    private static long duration(int i) {
        return 100 + (i * 7919L) % 600_000;
    }

    private static byte[] bytes(Stored stored) {
        try (InputStream in = StoredStatsCompatibilityTest.class.getResourceAsStream("/stored-stats/" + stored.file())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties figures() {
        Properties figures = new Properties();
        try (InputStream in = StoredStatsCompatibilityTest.class.getResourceAsStream("/stored-stats/figures.properties")) {
            figures.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return figures;
    }

    /** Wrote the files, once, into the directory given. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        StringBuilder figures = new StringBuilder("# Figures of the stats in this directory, as release 6996a50 read them.\n");
        for (Stored stored : Stored.values()) {
            byte[] bytes = PageStatsSerde.toBytes(stored.updates.get());
            Files.write(dir.resolve(stored.file()), bytes);
            PageStats read = PageStatsSerde.fromBytes(bytes);
            figures.append(stored.name()).append(".views=").append(read.views()).append('\n')
                    .append(stored.name()).append(".visitors=").append(read.visitors()).append('\n')
                    .append(stored.name()).append(".timeOnPage=").append(read.timeOnPage()).append('\n');
        }
        Files.writeString(dir.resolve("figures.properties"), figures);
    }
}
