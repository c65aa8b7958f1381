package dev.pulse.consumer;

import java.util.Map;

/**
 * The body of {@code GET /stats}.
 *
 * @param events              valid page events consumed since this instance started
 * @param deadLettered        records sent to the dead-letter topic since this instance started
 * @param pages               events per page name, for up to {@code pulse.consumer.max-tracked-pages} pages
 * @param untrackedPageEvents events of pages beyond that limit: counted in {@code events}, not in {@code pages}
 */
public record ConsumerStats(long events, long deadLettered, Map<String, Long> pages, long untrackedPageEvents) {
}
