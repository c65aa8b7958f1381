package dev.pulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;

/**
 * One tick of the shared feed: what analytics said, and the server-sent events that tell it, encoded once for
 * every browser ({@link EventStreamRoute} writes this very buffer to each connection). Encoding per browser made
 * the cost of a tick grow with the number of browsers.
 */
public record FeedTick(FeedEvent event, Buffer events) {

    static final String COUNTS_EVENT = "counts";
    static final String PAGES_EVENT = "pages";
    static final String RANGE_EVENT = "range";
    static final String STATUS_EVENT = "status";

    /**
     * Live stats are a {@code counts} then a {@code pages} event, a range's stats a {@code range} event, and
     * anything else a {@code status} event.
     */
    static FeedTick of(FeedEvent event, ObjectMapper json) throws JsonProcessingException {
        if (event instanceof LiveStats live) {
            return new FeedTick(event, Buffer.buffer(encode(COUNTS_EVENT, json.writeValueAsString(live.counts()))
                    + encode(PAGES_EVENT, json.writeValueAsString(live.pages()))));
        }
        String name = event instanceof RangeStats ? RANGE_EVENT : STATUS_EVENT;
        return new FeedTick(event, Buffer.buffer(encode(name, json.writeValueAsString(event))));
    }

    /** One event in the text/event-stream format; compact JSON is one line, so one {@code data} field. */
    static String encode(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }
}
