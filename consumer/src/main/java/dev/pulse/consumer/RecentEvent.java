package dev.pulse.consumer;

import java.time.Instant;

import dev.pulse.event.PageEvent;

/**
 * A consumed event as {@code GET /events/recent} shows it: the event's own fields plus the record it came from.
 */
public record RecentEvent(String name, String user, Instant date, Long duration, int partition, long offset) {

    static RecentEvent of(PageEvent event, int partition, long offset) {
        return new RecentEvent(event.name(), event.user(), event.date(), event.duration(), partition, offset);
    }
}
