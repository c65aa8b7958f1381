package dev.pulse.analytics.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link PageStats} as bytes, for the window store and between instances: a format version, views and total
 * time on page, then the two sketches in DataSketches' own compact forms, each preceded by its length.
 * Plain code, no reflection.
 */
public class PageStatsSerde extends Serdes.WrapperSerde<PageStats> {

    private static final byte VERSION = 1;

    public PageStatsSerde() {
        super((topic, stats) -> stats == null ? null : toBytes(stats), (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    public static byte[] toBytes(PageStats stats) {
        byte[] visitors = stats.visitorsSketch().toCompactByteArray();
        byte[] times = stats.timeOnPageSketch().toByteArray();
        return ByteBuffer.allocate(1 + 2 * Long.BYTES + 2 * Integer.BYTES + visitors.length + times.length)
                .put(VERSION)
                .putLong(stats.views())
                .putLong(stats.timeOnPageTotalMs())
                .putInt(visitors.length).put(visitors)
                .putInt(times.length).put(times)
                .array();
    }

    public static PageStats fromBytes(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte version = buffer.get();
            if (version != VERSION) {
                throw new SerializationException("Page stats of format version " + version + ", expected " + VERSION);
            }
            long views = buffer.getLong();
            long timeOnPageTotalMs = buffer.getLong();
            HllSketch visitors = HllSketch.heapify(next(buffer));
            KllDoublesSketch times = KllDoublesSketch.heapify(Memory.wrap(next(buffer)));
            return new PageStats(views, timeOnPageTotalMs, visitors, times);
        } catch (RuntimeException e) {
            if (e instanceof SerializationException) {
                throw e;
            }
            throw new SerializationException("Not page stats (" + bytes.length + " bytes)", e);
        }
    }

    private static byte[] next(ByteBuffer buffer) {
        int length = buffer.getInt();
        int start = buffer.position();
        buffer.position(start + length);
        return Arrays.copyOfRange(buffer.array(), start, start + length);
    }
}
