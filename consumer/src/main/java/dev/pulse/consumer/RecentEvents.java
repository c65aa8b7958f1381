package dev.pulse.consumer;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events in a ring buffer. One short lock per event: the writer is the channel's
 * single consumer thread and readers are rare, so the lock is almost never contended.
 */
final class RecentEvents {

    private final RecentEvent[] ring;
    private long written;

    RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        ring = new RecentEvent[capacity];
    }

    int capacity() {
        return ring.length;
    }

    synchronized void add(RecentEvent event) {
        ring[(int) (written % ring.length)] = event;
        written++;
    }

    /** Up to {@code limit} events, newest first. */
    synchronized List<RecentEvent> newest(int limit) {
        int count = (int) Math.min(Math.min(limit, ring.length), written);
        List<RecentEvent> newest = new ArrayList<>(count);
        for (long i = written - 1; i >= written - count; i--) {
            newest.add(ring[(int) (i % ring.length)]);
        }
        return newest;
    }
}
