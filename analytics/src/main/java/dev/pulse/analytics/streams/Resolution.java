package dev.pulse.analytics.streams;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Page stats in tumbling windows of one size, kept in their own window store for their own time. Windows are aligned
 * on the epoch, hence in UTC: a day runs from 00:00 to 24:00 UTC.
 *
 * @param store the window store that holds them
 */
public record Resolution(Duration window, Duration retention, String store) {

    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** The name the API reads and writes: ISO-8601, in whole days when it is some ({@code PT5S}, {@code P1D}). */
    @Schema(hidden = true)
    public String name() {
        return name(window);
    }

    /** The name of a resolution of windows of that length. */
    static String name(Duration window) {
        long ms = window.toMillis();
        return ms % DAY_MS == 0 ? "P" + ms / DAY_MS + "D" : window.toString();
    }

    /** The start of the window holding {@code time}. */
    public Instant floor(Instant time) {
        long ms = time.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, window.toMillis()));
    }

    /** The start of the first window starting at or after {@code time}. */
    public Instant ceil(Instant time) {
        Instant floor = floor(time);
        return floor.equals(time) ? time : floor.plus(window);
    }

    /**
     * Whether the window starting at {@code windowStart} is still kept at {@code now}. Kafka Streams keeps the windows
     * starting after its stream time less the retention; stream time does not pass the clock (events dated ahead
     * aside), so measured from the clock the answer errs on the side of "gone".
     */
    public boolean keeps(Instant windowStart, Instant now) {
        return windowStart.isAfter(now.minus(retention));
    }

    @Override
    public String toString() {
        return name();
    }
}
