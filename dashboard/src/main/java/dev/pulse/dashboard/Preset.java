package dev.pulse.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The ranges the page offers besides a custom one, each served by a feed that all its browsers share. */
enum Preset {

    /** The latest window and the last 5 minutes, as analytics defines them: see {@link CountsFeed}. */
    LIVE("live", null),
    LAST_HOUR("1h", now -> now.minus(Duration.ofHours(1))),
    /** Since midnight UTC: an {@link Instant} truncates in UTC. */
    TODAY("today", now -> now.truncatedTo(ChronoUnit.DAYS)),
    WEEK("7d", now -> now.minus(Duration.ofDays(7))),
    MONTH("30d", now -> now.minus(Duration.ofDays(30)));

    private final String key;
    private final UnaryOperator<Instant> start;

    Preset(String key, UnaryOperator<Instant> start) {
        this.key = key;
        this.start = start;
    }

    /** How the page's URL ({@code ?range=7d}) and the stream ({@code /stream?range=7d}) name it. */
    String key() {
        return key;
    }

    /** Where the range starts when it ends at {@code now}; not for {@link #LIVE}. */
    Instant startAt(Instant now) {
        return start.apply(now);
    }

    static Optional<Preset> byKey(String key) {
        return Arrays.stream(values()).filter(preset -> preset.key.equals(key)).findFirst();
    }
}
