package dev.pulse.dashboard;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Sent instead of counts when analytics could not be asked: {@code status} for the page, {@code detail} for people. */
// Jackson meets it only as a FeedEvent in an SSE event's data, which Quarkus cannot see: without this a native
// dashboard fails to send the status and closes every browser's stream while analytics is away.
@RegisterForReflection
public record AnalyticsStatus(String status, String detail) implements FeedEvent {

    static AnalyticsStatus unreachable(String detail) {
        return new AnalyticsStatus("analytics unreachable", detail);
    }
}
