package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.pulse.analytics.streams.Resolution;

/**
 * A range answered from windows of several resolutions, each event in it counted once: from the coarsest windows
 * that fit inside the range, and finer ones towards its edges, each edge to the finest resolution still kept there.
 * Where a range's edge falls inside a window of that resolution, the window is taken whole: the range is rounded
 * outward, and {@link #covered} says by how much.
 *
 * @param segments in time order, one range read each, touching end to start
 */
public record Tiling(TimeRange covered, List<Segment> segments) {

    /**
     * Walks the range from its start: at each point, the coarsest window that starts there, ends within the range and
     * is still kept; where none does, the finest window kept there, which then ends the walk. Resolutions keep longer
     * as they get coarser, so the walk only ever moves to finer ones, and each point it reaches falls on the windows of
     * the finest resolution kept there.
     *
     * @param range       both ends included, as the API takes it: a window overlaps it when it starts at or before
     *                    {@code to} and ends after {@code from}
     * @param resolutions finest first, each kept at least as long as the finer ones
     * @param now         what decides which windows are still kept
     */
    static Tiling of(TimeRange range, List<Resolution> resolutions, Instant now) {
        Instant end = range.to().plusMillis(1);
        Instant point = finestKeeping(range.from(), resolutions, now).floor(range.from());
        List<Segment> segments = new ArrayList<>();
        Instant start = point;
        while (point.isBefore(end)) {
            Resolution resolution = coarsestFitting(point, end, resolutions, now);
            Instant next = point.plus(resolution.window());
            Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.resolution().equals(resolution)) {
                segments.set(segments.size() - 1, new Segment(resolution, last.from(), next));
            } else {
                segments.add(new Segment(resolution, point, next));
            }
            point = next;
        }
        return new Tiling(new TimeRange(start, point), List.copyOf(segments));
    }

    /** The coarsest resolution with a window starting at {@code point}, ending by {@code end} and still kept. */
    private static Resolution coarsestFitting(Instant point, Instant end, List<Resolution> resolutions, Instant now) {
        for (int i = resolutions.size() - 1; i >= 0; i--) {
            Resolution resolution = resolutions.get(i);
            if (resolution.floor(point).equals(point) && !point.plus(resolution.window()).isAfter(end)
                    && resolution.keeps(point, now)) {
                return resolution;
            }
        }
        return finestKeeping(point, resolutions, now);
    }

    /** The finest resolution still keeping the window holding {@code time}; the coarsest when none does. */
    static Resolution finestKeeping(Instant time, List<Resolution> resolutions, Instant now) {
        return resolutions.stream()
                .filter(resolution -> resolution.keeps(resolution.floor(time), now))
                .findFirst()
                .orElse(resolutions.get(resolutions.size() - 1));
    }
}
