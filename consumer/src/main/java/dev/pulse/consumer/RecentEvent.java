package dev.pulse.consumer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.pulse.event.PageEvent;

/**
 * A consumed event as {@code GET /events/recent} shows it: the event's own fields plus the record it came from.
 * The website tracker's {@code kind} and {@code view} are shown when the event has them, so that a leave (a time
 * on page) is not taken for a view.
 */
public record RecentEvent(String name, String user, Instant date, Long duration, int partition, long offset,
        @JsonInclude(JsonInclude.Include.NON_NULL) String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) String view) {

    static RecentEvent of(PageEvent event, int partition, long offset) {
        return new RecentEvent(event.name(), event.user(), event.date(), event.duration(), partition, offset,
                event.kind(), event.view());
    }
}
