package dev.pulse.analytics.query;

import java.time.Instant;

import dev.pulse.analytics.streams.Resolution;

/**
 * The windows of one resolution starting in {@code [from, to)}: what one range read of that resolution's store
 * returns. {@code from} and {@code to} fall on the resolution's window boundaries.
 */
public record Segment(Resolution resolution, Instant from, Instant to) {

    /** How it travels to other instances: {@code PT1H/2026-12-01T00:00:00Z/2026-12-07T00:00:00Z}. */
    String wire() {
        return resolution.name() + "/" + from + "/" + to;
    }
}
