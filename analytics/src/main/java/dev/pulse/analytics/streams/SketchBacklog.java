package dev.pulse.analytics.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Sketch updates waiting, in order, as bytes: a visitor is {@code 1}, the length of its UTF-8 id and the id (as
 * {@link HllSketch#update(byte[])} hashes it, which is what {@link HllSketch#update(String)} does); a time on page is
 * {@code 2} and the milliseconds. Full at {@value #MAX_UPDATES} updates or {@value #MAX_BYTES} bytes, which bounds
 * what a stored window carries beyond its sketches.
 * <p>
 * The updates read stay in the bytes they were read from (the aggregate reads its value and writes it back for every
 * record, so copying them twice would be wasted); those added since follow in an array of their own.
 */
final class SketchBacklog {

    static final int MAX_UPDATES = 64;
    static final int MAX_BYTES = 2048;

    private static final byte VISITOR = 1;
    private static final byte TIME_ON_PAGE = 2;
    private static final byte[] NONE = new byte[0];

    private byte[] read = NONE;
    private int readOffset;
    private int readLength;
    private int readUpdates;
    private byte[] added = NONE;
    private int addedLength;
    private int addedUpdates;

    SketchBacklog() {
    }

    /**
     * The backlog {@link #writeTo} wrote at the buffer's position, which moves past it. The updates are checked when
     * applied.
     */
    static SketchBacklog readFrom(ByteBuffer buffer) {
        int updates = buffer.getInt();
        int length = buffer.getInt();
        if (updates < 0 || length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("a backlog of " + updates + " updates in " + length + " bytes");
        }
        SketchBacklog backlog = new SketchBacklog();
        backlog.read = buffer.array();
        backlog.readOffset = buffer.arrayOffset() + buffer.position();
        backlog.readLength = length;
        backlog.readUpdates = updates;
        buffer.position(buffer.position() + length);
        return backlog;
    }

    void addVisitor(byte[] user) {
        ensureRoom(1 + Integer.BYTES + user.length);
        added[addedLength++] = VISITOR;
        putInt(user.length);
        System.arraycopy(user, 0, added, addedLength, user.length);
        addedLength += user.length;
        addedUpdates++;
    }

    void addTimeOnPage(long durationMs) {
        ensureRoom(1 + Long.BYTES);
        added[addedLength++] = TIME_ON_PAGE;
        putInt((int) (durationMs >>> 32));
        putInt((int) durationMs);
        addedUpdates++;
    }

    boolean isEmpty() {
        return readUpdates + addedUpdates == 0;
    }

    boolean isFull() {
        return readUpdates + addedUpdates >= MAX_UPDATES || readLength + addedLength >= MAX_BYTES;
    }

    /** Bytes that {@link #writeTo} writes. */
    int serializedSize() {
        return 2 * Integer.BYTES + readLength + addedLength;
    }

    void writeTo(ByteBuffer buffer) {
        buffer.putInt(readUpdates + addedUpdates).putInt(readLength + addedLength);
        buffer.put(read, readOffset, readLength).put(added, 0, addedLength);
    }

    /**
     * Applies the updates in order and empties the backlog.
     *
     * @throws IllegalArgumentException when the bytes read are not the updates they claim to be
     */
    void drainInto(HllSketch visitors, KllDoublesSketch timesOnPage) {
        apply(ByteBuffer.wrap(read, readOffset, readLength), readUpdates, visitors, timesOnPage);
        apply(ByteBuffer.wrap(added, 0, addedLength), addedUpdates, visitors, timesOnPage);
        read = NONE;
        readOffset = 0;
        readLength = 0;
        readUpdates = 0;
        addedLength = 0;
        addedUpdates = 0;
    }

    private static void apply(ByteBuffer updates, int count, HllSketch visitors, KllDoublesSketch timesOnPage) {
        for (int i = 0; i < count; i++) {
            require(updates, 1, count);
            byte kind = updates.get();
            if (kind == VISITOR) {
                require(updates, Integer.BYTES, count);
                byte[] user = new byte[updates.getInt()];
                require(updates, user.length, count);
                updates.get(user);
                visitors.update(user);
            } else if (kind == TIME_ON_PAGE) {
                require(updates, Long.BYTES, count);
                timesOnPage.update(updates.getLong());
            } else {
                throw new IllegalArgumentException("a backlog update of unknown kind " + kind);
            }
        }
        if (updates.hasRemaining()) {
            throw new IllegalArgumentException("a backlog of " + count + " updates followed by "
                    + updates.remaining() + " more bytes");
        }
    }

    private static void require(ByteBuffer updates, int bytes, int count) {
        if (updates.remaining() < bytes) {
            throw new IllegalArgumentException("a backlog of " + count + " updates cut short");
        }
    }

    private void putInt(int value) {
        added[addedLength++] = (byte) (value >>> 24);
        added[addedLength++] = (byte) (value >>> 16);
        added[addedLength++] = (byte) (value >>> 8);
        added[addedLength++] = (byte) value;
    }

    private void ensureRoom(int more) {
        if (addedLength + more > added.length) {
            added = Arrays.copyOf(added, Math.max(2 * added.length, Math.max(32, addedLength + more)));
        }
    }
}
