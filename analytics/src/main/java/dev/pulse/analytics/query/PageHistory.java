package dev.pulse.analytics.query;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /pages/history}: one page's stats per window of one resolution, in time order.
 *
 * @param from       the start of the first window that could answer: the range asked for, rounded outward
 * @param to         the end of the last such window
 * @param resolution the windows' length, as {@code PT5S}, {@code PT1M}, {@code PT1H} or {@code P1D}
 * @param partial    true when the instance owning the page did not answer (then there are no windows)
 */
public record PageHistory(Instant from, Instant to, String resolution, List<PageWindow> windows, boolean partial) {
}
