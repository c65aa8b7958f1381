package dev.pulse.dashboard;

/** Analytics failed to give the history; the page then starts with the live stream alone. */
class AnalyticsUnavailableException extends RuntimeException {

    AnalyticsUnavailableException(Throwable cause) {
        super("analytics unreachable: " + cause.getMessage(), cause);
    }
}
