package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.List;

/**
 * Windows of one resolution in time order, each with its counts.
 *
 * @param from       the start of the first window that could answer: the range asked for, rounded outward
 * @param to         the end of the last such window
 * @param resolution the windows' length, as {@code PT5S}, {@code PT1M}, {@code PT1H} or {@code P1D}
 * @param partial    true when an instance holding some pages did not answer: the pages present are exact,
 *                   pages held there are missing
 */
public record CountsHistory(Instant from, Instant to, String resolution, List<CountsWindow> windows, boolean partial) {
}
