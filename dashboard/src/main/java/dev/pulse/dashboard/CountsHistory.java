package dev.pulse.dashboard;

import java.util.List;

/** Analytics' {@code GET /counts/history}: the windows of a time range, oldest first. */
public record CountsHistory(List<CountsWindow> windows, boolean partial) {
}
