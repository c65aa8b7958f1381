package dev.pulse.dashboard;

/** Sent instead of counts when analytics could not be asked: {@code status} for the page, {@code detail} for people. */
public record AnalyticsStatus(String status, String detail) implements FeedEvent {

    static AnalyticsStatus unreachable(String detail) {
        return new AnalyticsStatus("analytics unreachable", detail);
    }
}
