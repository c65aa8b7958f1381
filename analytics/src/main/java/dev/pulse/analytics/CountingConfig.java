package dev.pulse.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * What is counted and how, under the {@code analytics.*} keys the README documents (env
 * {@code ANALYTICS_MIN_DURATION} and so on). Defaults live in application.properties.
 */
@ConfigMapping(prefix = "analytics")
public interface CountingConfig {

    /**
     * Page views lasting this many milliseconds or less are not counted. A plain number of milliseconds,
     * like the events' own {@code duration}, so that {@code 100} cannot be read as 100 seconds.
     */
    long minDuration();

    /** Length of the tumbling count windows. */
    Duration window();

    /** How long after a window's end late events are still counted in it, measured in event time. */
    Duration grace();

    /** How long windows are kept in the {@code page-stats} store; at least window + grace. */
    Duration retention();

    /**
     * The coarser resolutions kept beside the windows above, each {@code window/retention} (e.g. {@code 1h/90d}):
     * every counted event updates a window of each, in the same exactly-once transaction. Set empty for none.
     */
    Optional<List<String>> rollups();
}
