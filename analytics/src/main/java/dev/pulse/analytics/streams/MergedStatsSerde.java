package dev.pulse.analytics.streams;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link MergedStats} as bytes, for the rollup window stores: a format version, the end of the finest windows merged
 * (epoch milliseconds), then the stats as {@link PageStatsSerde} writes them. Plain code, no reflection.
 */
public class MergedStatsSerde extends Serdes.WrapperSerde<MergedStats> {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + Long.BYTES;

    public MergedStatsSerde() {
        super((topic, merged) -> merged == null ? null : toBytes(merged),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    static byte[] toBytes(MergedStats merged) {
        byte[] bytes = PageStatsSerde.toBytes(merged.stats(), HEADER);
        ByteBuffer.wrap(bytes).put(VERSION).putLong(merged.mergedUntil().toEpochMilli());
        return bytes;
    }

    static MergedStats fromBytes(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != VERSION) {
            throw new SerializationException("Not merged page stats of format version " + VERSION + " ("
                    + bytes.length + " bytes" + (bytes.length > 0 ? ", version " + bytes[0] : "") + ")");
        }
        long mergedUntil = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
        return new MergedStats(PageStatsSerde.read(bytes, HEADER, bytes.length - HEADER, false),
                Instant.ofEpochMilli(mergedUntil));
    }
}
