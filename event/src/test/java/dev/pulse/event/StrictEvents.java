package dev.pulse.event;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads one event as the REST API does, with the strict mapper. */
final class StrictEvents {

    private StrictEvents() {
    }

    static PageEvent read(String json) throws IOException {
        return PageEventJson.STRICT_MAPPER.readerFor(PageEvent.class).readValue(json.getBytes(StandardCharsets.UTF_8));
    }
}
