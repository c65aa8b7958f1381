package dev.pulse.analytics.streams;

import dev.pulse.event.PageEvent;

/**
 * A {@code page-events} record after decoding: a valid event, or the value exactly as received, for the dead-letter
 * topic.
 */
sealed interface DecodedEvent {

    record Valid(PageEvent event) implements DecodedEvent {
    }

    record Invalid(byte[] raw) implements DecodedEvent {
    }
}
