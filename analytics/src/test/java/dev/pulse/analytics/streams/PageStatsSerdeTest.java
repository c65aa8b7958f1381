package dev.pulse.analytics.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The window aggregate reads its stats from bytes and writes them back for every record, leaving the sketches
 * encoded and queuing updates: what it ends with must be what one set of sketches fed every update says.
 */
class PageStatsSerdeTest {

    private static final PageStatsSerde SERDE = new PageStatsSerde();

    @Test
    void statsUpdatedThroughTheirBytesEqualStatsUpdatedInMemory() {
        PageStats inMemory = new PageStats();
        inMemory.decode();
        PageStats throughBytes = new PageStats();
        for (int i = 0; i < 1_000; i++) {
            String user = "user-" + (i * 7919 % 300);
            long durationMs = i * 37L % 5_000;
            inMemory.addView(user);
            inMemory.addTimeOnPage(durationMs);
            throughBytes = roundTrip(throughBytes);
            throughBytes.addView(user);
            throughBytes.addTimeOnPage(durationMs);
        }
        throughBytes = roundTrip(throughBytes);

        assertEquals(1_000, throughBytes.views());
        assertEquals(inMemory.timeOnPageTotalMs(), throughBytes.timeOnPageTotalMs());
        // The same visitors, whenever each reached the sketch.
        assertEquals(inMemory.visitorsSketch().getEstimate(), throughBytes.visitorsSketch().getEstimate());
        assertEquals(300, throughBytes.visitors());
        assertEquals(inMemory.timeOnPageSketch().getN(), throughBytes.timeOnPageSketch().getN());
        assertEquals(inMemory.timeOnPageSketch().getMinItem(), throughBytes.timeOnPageSketch().getMinItem());
        assertEquals(inMemory.timeOnPageSketch().getMaxItem(), throughBytes.timeOnPageSketch().getMaxItem());
    }

    @Test
    void fewUpdatesWaitInTheBacklogAndAreCountedWhenRead() {
        PageStats stats = roundTrip(new PageStats());
        stats.addView("ann");
        stats.addTimeOnPage(1_200);
        stats.addView("bob");
        PageStats read = roundTrip(stats);

        assertNotNull(read.encoded(), "the sketches stay encoded while the backlog has room");
        assertEquals(3, countUpdates(read));
        assertEquals(2, read.views());
        assertEquals(2, read.visitors());
        assertEquals(new TimeOnPage(1_200L, 1_200L, 1_200.0), read.timeOnPage());
        assertNull(read.encoded(), "reading a figure decodes the sketches");
        assertEquals(0, countUpdates(read));
    }

    @Test
    void aFullBacklogIsAppliedToTheSketchesSoStoredStatsStayBounded() {
        PageStats stats = new PageStats();
        int largest = 0;
        for (int i = 0; i < 10_000; i++) {
            stats.addView("visitor-with-a-rather-long-identifier-" + i);
            byte[] bytes = SERDE.serializer().serialize("page-stats", stats);
            largest = Math.max(largest, bytes.length);
            stats = SERDE.deserializer().deserialize("page-stats", bytes);
        }
        // At most the largest HLL, an empty KLL and a backlog at its limit plus one update.
        int bound = HllSketch.getMaxUpdatableSerializationBytes(PageStats.VISITORS_LG_K, PageStats.VISITORS_TYPE)
                + SketchBacklog.MAX_BYTES + 200;
        assertTrue(largest <= bound, "largest stored stats: " + largest + " bytes, more than " + bound);
        assertEquals(10_000, stats.views());
        assertEquals(10_000, stats.visitors(), 10_000 * 3 * 0.016);
    }

    @Test
    void statsWithoutBacklogKeepTheFirstFormatThatEveryReleaseReads() {
        PageStats stats = new PageStats();
        stats.addView("ann");
        stats.addTimeOnPage(500);
        stats.decode();
        byte[] bytes = PageStatsSerde.toBytes(stats);

        assertEquals(1, bytes[0]);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        assertEquals(1, buffer.getLong());
        assertEquals(500, buffer.getLong());
        byte[] visitors = new byte[buffer.getInt()];
        buffer.get(visitors);
        assertArrayEquals(stats.visitorsSketch().toCompactByteArray(), visitors);
        byte[] times = new byte[buffer.getInt()];
        buffer.get(times);
        assertArrayEquals(stats.timeOnPageSketch().toByteArray(), times);
        assertEquals(0, buffer.remaining());

        PageStats withBacklog = roundTrip(stats);
        withBacklog.addView("bob");
        assertEquals(2, PageStatsSerde.toBytes(withBacklog)[0]);
    }

    @Test
    void refusesStatsWhoseBacklogOrSketchesAreDamaged() {
        PageStats stats = roundTrip(new PageStats());
        stats.addView("ann");
        byte[] bytes = PageStatsSerde.toBytes(stats);

        byte[] cutShort = Arrays.copyOf(bytes, bytes.length - 1);
        assertThrows(SerializationException.class, () -> SERDE.deserializer().deserialize("page-stats", cutShort));
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(SerializationException.class, () -> SERDE.deserializer().deserialize("page-stats", trailing));

        // Bytes from elsewhere have their sketches and backlog checked at once.
        byte[] unknownUpdate = bytes.clone();
        unknownUpdate[bytes.length - "ann".length() - Integer.BYTES - 1] = 7;
        assertThrows(SerializationException.class, () -> PageStatsSerde.fromBytes(unknownUpdate));
        byte[] badSketch = bytes.clone();
        Arrays.fill(badSketch, 1 + 2 * Long.BYTES + Integer.BYTES, 1 + 2 * Long.BYTES + Integer.BYTES + 8, (byte) 0x7f);
        assertThrows(SerializationException.class, () -> PageStatsSerde.fromBytes(badSketch));
    }

    private static PageStats roundTrip(PageStats stats) {
        return SERDE.deserializer().deserialize("page-stats", SERDE.serializer().serialize("page-stats", stats));
    }

    /** Updates waiting in the backlog of {@code stats}, as written. */
    private static int countUpdates(PageStats stats) {
        byte[] bytes = PageStatsSerde.toBytes(stats);
        if (bytes[0] == 1) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(1 + 2 * Long.BYTES);
        for (int sketch = 0; sketch < 2; sketch++) {
            int length = buffer.getInt();
            buffer.position(buffer.position() + length);
        }
        return buffer.getInt();
    }
}
