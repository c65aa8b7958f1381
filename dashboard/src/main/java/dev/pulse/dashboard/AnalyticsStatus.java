package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Sent instead of counts or a range's stats when analytics could not be asked or refused the range: {@code status}
 * for the page, {@code detail} for people.
 */
// Jackson meets it only as a FeedEvent in an SSE event's data, which Quarkus cannot see: without this a native
// dashboard fails to send the status and closes every browser's stream while analytics is away.
@RegisterForReflection
public record AnalyticsStatus(String status, String detail) implements FeedEvent {

    static final String REFUSED = "analytics refused the range";

    static AnalyticsStatus unreachable(String detail) {
        return new AnalyticsStatus("analytics unreachable", detail);
    }

    /** Analytics answered 400, {@code reason} being its own words: asking again will not help. */
    static AnalyticsStatus refused(String reason) {
        return new AnalyticsStatus(REFUSED, reason);
    }
}
