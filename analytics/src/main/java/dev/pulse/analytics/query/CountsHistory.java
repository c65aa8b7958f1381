package dev.pulse.analytics.query;

import java.util.List;

/**
 * Windows in time order, each with its counts.
 *
 * @param partial true when an instance holding some pages did not answer: the pages present are exact,
 *                pages held there are missing
 */
public record CountsHistory(List<CountsWindow> windows, boolean partial) {
}
