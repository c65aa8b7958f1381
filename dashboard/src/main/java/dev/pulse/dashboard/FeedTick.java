package dev.pulse.dashboard;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One tick of the shared feed: what analytics said, and the server-sent events that tell it, written to JSON once
 * for every browser. Writing the snapshot per browser made the cost of a tick grow with the number of browsers.
 */
public record FeedTick(FeedEvent event, List<Message> messages) {

    static final String COUNTS_EVENT = "counts";
    static final String PAGES_EVENT = "pages";
    static final String STATUS_EVENT = "status";

    /** One server-sent event: its name and its data, JSON. */
    public record Message(String name, String json) {
    }

    /** Live stats are a {@code counts} then a {@code pages} event; anything else a {@code status} event. */
    static FeedTick of(FeedEvent event, ObjectMapper json) throws JsonProcessingException {
        if (event instanceof LiveStats live) {
            return new FeedTick(event, List.of(new Message(COUNTS_EVENT, json.writeValueAsString(live.counts())),
                    new Message(PAGES_EVENT, json.writeValueAsString(live.pages()))));
        }
        return new FeedTick(event, List.of(new Message(STATUS_EVENT, json.writeValueAsString(event))));
    }
}
