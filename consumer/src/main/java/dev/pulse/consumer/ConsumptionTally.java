package dev.pulse.consumer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>
 * Each record is counted once by this instance. The group commits offsets only now and then, so whenever it
 * rebalances (a broker outage, a member joining or leaving) it delivers again the records after the last commit;
 * this instance has counted them already. It keeps, per partition, the next offset it has not counted: the channel
 * reads one topic, and one partition's records arrive in offset order.
 */
@ApplicationScoped
public class ConsumptionTally {

    /** Totals at one moment, for the periodic summary. */
    public record Totals(long events, long deadLettered, int pages) {
    }

    private final LongAdder events = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder deliveredAgain = new LongAdder();
    private final LongAdder untrackedPageEvents = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> eventsByPage = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, AtomicLong> nextUncountedOffsets = new ConcurrentHashMap<>();
    private final RecentEvents recent;
    private final int maxTrackedPages;
    private volatile String lastDeadLetterReason;

    ConsumptionTally(ConsumerConfig config, MeterRegistry registry) {
        this.recent = new RecentEvents(config.recentEvents());
        this.maxTrackedPages = config.maxTrackedPages();
        FunctionCounter.builder("pulse.consumer.events.consumed", events, LongAdder::sum)
                .description("Valid page events consumed")
                .register(registry);
        FunctionCounter.builder("pulse.consumer.events.delivered.again", deliveredAgain, LongAdder::sum)
                .description("Records the group delivered again after this instance had counted them (their offsets "
                        + "were not committed yet when it rebalanced); not counted again")
                .register(registry);
        FunctionCounter.builder("pulse.consumer.events.dead.lettered", deadLettered, LongAdder::sum)
                .description("Records that were not valid page events, sent to the dead-letter topic")
                .register(registry);
        Gauge.builder("pulse.consumer.pages.tracked", eventsByPage, Map::size)
                .description("Distinct pages with a total of their own")
                .register(registry);
    }

    /** @return {@code false}, counting nothing, when this instance has counted the record at that offset already */
    public boolean recordConsumed(PageEvent event, int partition, long offset) {
        if (!firstDelivery(partition, offset)) {
            deliveredAgain.increment();
            return false;
        }
        events.increment();
        pageCounter(event.name()).increment();
        recent.add(RecentEvent.of(event, partition, offset));
        return true;
    }

    private boolean firstDelivery(int partition, long offset) {
        AtomicLong next = nextUncountedOffsets.computeIfAbsent(partition, p -> new AtomicLong());
        long current;
        do {
            current = next.get();
            if (offset < current) {
                return false;
            }
        } while (!next.compareAndSet(current, offset + 1));
        return true;
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
