package dev.pulse.consumer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.event.PageEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What this instance has consumed: totals, per-page totals and the latest events. Recording is on the hot
 * path (one call per record, thousands per second), so it only bumps adders and writes one ring slot; the
 * Micrometer meters read the same adders instead of keeping counts of their own.
 */
@ApplicationScoped
public class ConsumptionTally {

    /** Totals at one moment, for the periodic summary. */
    public record Totals(long events, long deadLettered, int pages) {
    }

    private final LongAdder events = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder untrackedPageEvents = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> eventsByPage = new ConcurrentHashMap<>();
    private final RecentEvents recent;
    private final int maxTrackedPages;
    private volatile String lastDeadLetterReason;

    ConsumptionTally(ConsumerConfig config, MeterRegistry registry) {
        this.recent = new RecentEvents(config.recentEvents());
        this.maxTrackedPages = config.maxTrackedPages();
        FunctionCounter.builder("pulse.consumer.events.consumed", events, LongAdder::sum)
                .description("Valid page events consumed")
                .register(registry);
        FunctionCounter.builder("pulse.consumer.events.dead.lettered", deadLettered, LongAdder::sum)
                .description("Records that were not valid page events, sent to the dead-letter topic")
                .register(registry);
        Gauge.builder("pulse.consumer.pages.tracked", eventsByPage, Map::size)
                .description("Distinct pages with a total of their own")
                .register(registry);
    }

    public void recordConsumed(PageEvent event, int partition, long offset) {
        events.increment();
        pageCounter(event.name()).increment();
        recent.add(RecentEvent.of(event, partition, offset));
    }

    private LongAdder pageCounter(String page) {
        LongAdder counter = eventsByPage.get(page);
        if (counter != null) {
            return counter;
        }
        if (eventsByPage.size() >= maxTrackedPages) {
            return untrackedPageEvents;
        }
        return eventsByPage.computeIfAbsent(page, name -> new LongAdder());
    }

    public void recordDeadLettered(String reason) {
        deadLettered.increment();
        lastDeadLetterReason = reason;
    }

    public ConsumerStats stats() {
        Map<String, Long> pages = new TreeMap<>();
        eventsByPage.forEach((page, count) -> pages.put(page, count.sum()));
        return new ConsumerStats(events.sum(), deadLettered.sum(), pages, untrackedPageEvents.sum());
    }

    /** Up to {@code limit} of the latest events, newest first. */
    public List<RecentEvent> recent(int limit) {
        return recent.newest(limit);
    }

    /** The most events {@link #recent(int)} can return. */
    public int recentCapacity() {
        return recent.capacity();
    }

    public Totals totals() {
        return new Totals(events.sum(), deadLettered.sum(), eventsByPage.size());
    }

    /** Why the latest dead-lettered record was not a valid event, or {@code null} if there was none. */
    public String lastDeadLetterReason() {
        return lastDeadLetterReason;
    }
}
