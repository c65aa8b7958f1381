package dev.pulse.dashboard;

import java.time.Instant;
import java.util.List;

/**
 * Analytics' {@code GET /counts/history}: the windows of a time range, oldest first, at {@code resolution}
 * (ISO-8601: {@code PT5S}, {@code PT1M}, {@code PT1H} or {@code P1D}); {@code from}–{@code to} is the range covered.
 */
public record CountsHistory(Instant from, Instant to, String resolution, List<CountsWindow> windows, boolean partial) {
}
