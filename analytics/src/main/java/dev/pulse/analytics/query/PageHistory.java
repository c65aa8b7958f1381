package dev.pulse.analytics.query;

import java.util.List;

/**
 * {@code GET /pages/history}: one page's stats per window, in time order.
 *
 * @param partial true when the instance owning the page did not answer (then there are no windows)
 */
public record PageHistory(List<PageWindow> windows, boolean partial) {
}
