package dev.pulse.analytics.streams;

import dev.pulse.event.PageEvent;

/**
 * A {@code page-events} record after decoding: either a valid event, or the value exactly as received for
 * the dead-letter topic.
 */
record DecodedEvent(PageEvent event, byte[] raw) {

    static DecodedEvent valid(PageEvent event) {
        return new DecodedEvent(event, null);
    }

    static DecodedEvent invalid(byte[] raw) {
        return new DecodedEvent(null, raw);
    }

    boolean isValid() {
        return event != null;
    }
}
