package dev.pulse.analytics.streams;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link PageStats} as bytes, for the window store and between instances: a format version, views and total
 * time on page, then the two sketches in DataSketches' own compact forms, each preceded by its length. Version 2
 * adds the {@link SketchBacklog} of updates not yet in the sketches; stats without one are written as version 1,
 * which every Pulse release reads, so what instances exchange (merged, hence decoded, stats) stays readable by
 * older ones. Plain code, no reflection.
 */
public class PageStatsSerde extends Serdes.WrapperSerde<PageStats> {

    private static final byte SKETCHES = 1;
    private static final byte SKETCHES_AND_BACKLOG = 2;
    private static final int HEADER = 1 + 2 * Long.BYTES;

    public PageStatsSerde() {
        super((topic, stats) -> stats == null ? null : toBytes(stats),
                (topic, bytes) -> bytes == null ? null : read(bytes, 0, bytes.length, false));
    }

    public static byte[] toBytes(PageStats stats) {
        return toBytes(stats, 0);
    }

    /** The stats' bytes after {@code reserved} bytes left for a wrapping format to fill. */
    static byte[] toBytes(PageStats stats, int reserved) {
        PageStats.EncodedSketches encoded = stats.encoded();
        if (encoded == null) {
            byte[] visitors = stats.visitorsSketch().toCompactByteArray();
            byte[] times = stats.timeOnPageSketch().toByteArray();
            encoded = new PageStats.EncodedSketches(visitors, 0, visitors.length, times, 0, times.length);
        }
        SketchBacklog backlog = stats.backlog();
        boolean withBacklog = !backlog.isEmpty();
        ByteBuffer buffer = ByteBuffer.allocate(reserved + HEADER + 2 * Integer.BYTES + encoded.visitorsLength()
                + encoded.timesLength() + (withBacklog ? backlog.serializedSize() : 0));
        buffer.position(reserved);
        buffer.put(withBacklog ? SKETCHES_AND_BACKLOG : SKETCHES)
                .putLong(stats.views())
                .putLong(stats.timeOnPageTotalMs())
                .putInt(encoded.visitorsLength())
                .put(encoded.visitorsBytes(), encoded.visitorsOffset(), encoded.visitorsLength())
                .putInt(encoded.timesLength())
                .put(encoded.timesBytes(), encoded.timesOffset(), encoded.timesLength());
        if (withBacklog) {
            backlog.writeTo(buffer);
        }
        return buffer.array();
    }

    /** Stats from bytes of any origin: their sketches are decoded, hence checked, here. */
    public static PageStats fromBytes(byte[] bytes) {
        return read(bytes, 0, bytes.length, true);
    }

    /**
     * @param decode whether to decode the sketches now; the window aggregate, which reads and writes its own bytes
     *               for every record, leaves them encoded until a figure is read
     */
    static PageStats read(byte[] bytes, int offset, int length, boolean decode) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            byte version = buffer.get();
            if (version != SKETCHES && version != SKETCHES_AND_BACKLOG) {
                throw new SerializationException("Page stats of format version " + version + ", expected "
                        + SKETCHES + " or " + SKETCHES_AND_BACKLOG);
            }
            long views = buffer.getLong();
            long timeOnPageTotalMs = buffer.getLong();
            int visitorsLength = length(buffer);
            int visitorsOffset = skip(buffer, visitorsLength);
            int timesLength = length(buffer);
            int timesOffset = skip(buffer, timesLength);
            SketchBacklog backlog = version == SKETCHES_AND_BACKLOG
                    ? SketchBacklog.readFrom(buffer)
                    : new SketchBacklog();
            if (buffer.hasRemaining()) {
                throw new SerializationException("Page stats followed by " + buffer.remaining() + " more bytes");
            }
            PageStats stats = new PageStats(views, timeOnPageTotalMs, new PageStats.EncodedSketches(bytes,
                    visitorsOffset, visitorsLength, bytes, timesOffset, timesLength), backlog);
            if (decode) {
                stats.decode();
            }
            return stats;
        } catch (RuntimeException e) {
            if (e instanceof SerializationException) {
                throw e;
            }
            throw new SerializationException("Not page stats (" + length + " bytes)", e);
        }
    }

    private static int length(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new SerializationException("A sketch of " + length + " bytes in " + buffer.remaining());
        }
        return length;
    }

    /** @return where the skipped bytes start */
    private static int skip(ByteBuffer buffer, int length) {
        int start = buffer.position();
        buffer.position(start + length);
        return start;
    }
}
