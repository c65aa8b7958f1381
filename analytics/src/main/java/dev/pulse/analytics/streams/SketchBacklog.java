package dev.pulse.analytics.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Sketch updates waiting, in order, as bytes: a visitor is {@code 1}, the length of its UTF-8 id and the id (as
 * {@link HllSketch#update(byte[])} hashes it, which is what {@link HllSketch#update(String)} does); a time on page is
 * {@code 2} and the milliseconds. Full at {@value #MAX_UPDATES} updates or {@value #MAX_BYTES} bytes, which bounds
 * what a stored window carries beyond its sketches.
 */
final class SketchBacklog {

    static final int MAX_UPDATES = 64;
    static final int MAX_BYTES = 2048;

    private static final byte VISITOR = 1;
    private static final byte TIME_ON_PAGE = 2;

    private byte[] bytes;
    private int length;
    private int updates;

    SketchBacklog() {
        this(new byte[64], 0, 0);
    }

    private SketchBacklog(byte[] bytes, int length, int updates) {
        this.bytes = bytes;
        this.length = length;
        this.updates = updates;
    }

    /** The backlog {@link #writeTo} wrote at the buffer's position, which moves past it. */
    static SketchBacklog readFrom(ByteBuffer buffer) {
        int updates = buffer.getInt();
        int length = buffer.getInt();
        if (updates < 0 || length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("a backlog of " + updates + " updates in " + length + " bytes");
        }
        // Room for the update that the window aggregate adds next.
        byte[] bytes = new byte[length + 64];
        buffer.get(bytes, 0, length);
        SketchBacklog backlog = new SketchBacklog(bytes, length, updates);
        backlog.forEach(null, null);
        return backlog;
    }

    void addVisitor(byte[] user) {
        ensureRoom(1 + Integer.BYTES + user.length);
        bytes[length++] = VISITOR;
        ByteBuffer.wrap(bytes, length, Integer.BYTES).putInt(user.length);
        length += Integer.BYTES;
        System.arraycopy(user, 0, bytes, length, user.length);
        length += user.length;
        updates++;
    }

    void addTimeOnPage(long durationMs) {
        ensureRoom(1 + Long.BYTES);
        bytes[length++] = TIME_ON_PAGE;
        ByteBuffer.wrap(bytes, length, Long.BYTES).putLong(durationMs);
        length += Long.BYTES;
        updates++;
    }

    boolean isEmpty() {
        return updates == 0;
    }

    boolean isFull() {
        return updates >= MAX_UPDATES || length >= MAX_BYTES;
    }

    /** Bytes that {@link #writeTo} writes. */
    int serializedSize() {
        return 2 * Integer.BYTES + length;
    }

    void writeTo(ByteBuffer buffer) {
        buffer.putInt(updates).putInt(length).put(bytes, 0, length);
    }

    /** Applies the updates in order and empties the backlog. */
    void drainInto(HllSketch visitors, KllDoublesSketch timesOnPage) {
        forEach(visitors::update, timesOnPage::update);
        length = 0;
        updates = 0;
    }

    /**
     * Walks the updates, handing each to its consumer; with null consumers, only checks them.
     *
     * @throws IllegalArgumentException when the bytes are not {@link #updates} updates
     */
    private void forEach(Consumer<byte[]> visitor, LongConsumer timeOnPage) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        for (int i = 0; i < updates; i++) {
            require(buffer, 1);
            byte kind = buffer.get();
            if (kind == VISITOR) {
                require(buffer, Integer.BYTES);
                int userLength = buffer.getInt();
                require(buffer, userLength);
                if (visitor == null) {
                    buffer.position(buffer.position() + userLength);
                } else {
                    byte[] user = new byte[userLength];
                    buffer.get(user);
                    visitor.accept(user);
                }
            } else if (kind == TIME_ON_PAGE) {
                require(buffer, Long.BYTES);
                long durationMs = buffer.getLong();
                if (timeOnPage != null) {
                    timeOnPage.accept(durationMs);
                }
            } else {
                throw new IllegalArgumentException("a backlog update of unknown kind " + kind);
            }
        }
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException("a backlog of " + updates + " updates followed by "
                    + buffer.remaining() + " more bytes");
        }
    }

    private void require(ByteBuffer buffer, int bytes) {
        if (bytes < 0 || buffer.remaining() < bytes) {
            throw new IllegalArgumentException("a backlog of " + updates + " updates in " + length
                    + " bytes, cut short");
        }
    }

    private void ensureRoom(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
