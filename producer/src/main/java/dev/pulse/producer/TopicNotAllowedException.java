package dev.pulse.producer;

import java.util.Set;
import java.util.TreeSet;

/** The workshop route was asked to write to a topic outside its allow-list. */
public class TopicNotAllowedException extends RuntimeException {

    public TopicNotAllowedException(Set<String> allowedTopics) {
        // The requested name is not echoed back: it is arbitrary client input of any length.
        super("Publishing to this topic is not allowed; allowed topics: " + String.join(", ", new TreeSet<>(allowedTopics)),
                null, false, false);
    }
}
