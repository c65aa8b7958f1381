package dev.pulse.reliability;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;

/**
 * A bounded load loop: a few workers POST JSON arrays of events to the producer at a steady pace and note exactly
 * which events were answered 202. Anything else (a 503 while Kafka is away, a timeout, a refused connection) means
 * not acknowledged: such an event may or may not have been written, and is not owed.
 * <p>
 * Every event is unique (its {@code user} is its id) and dated when it is sent. One in eight lasts at most 100 ms,
 * so that analytics' filter is exercised too: the audit expects those in the consumer but not in the counts.
 */
final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LoadGenerator.class.getName());

    private final String producerUrl;
    private final String idPrefix;
    private final List<String> pages;
    private final Sizing sizing;
    private final Map<String, PageEvent> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, PageEvent> unacknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    private LoadGenerator(String producerUrl, String idPrefix, List<String> pages, Sizing sizing) {
        this.producerUrl = producerUrl;
        this.idPrefix = idPrefix;
        this.pages = pages;
        this.sizing = sizing;
    }

    static LoadGenerator start(String producerUrl, String idPrefix, List<String> pages, Sizing sizing) {
        LoadGenerator load = new LoadGenerator(producerUrl, idPrefix, pages, sizing);
        for (int i = 0; i < sizing.loadWorkers(); i++) {
            Thread worker = new Thread(load::work, "load-" + idPrefix + "-" + i);
            worker.setDaemon(true);
            load.workers.add(worker);
            worker.start();
        }
        return load;
    }

    private void work() {
        long periodNanos = 1_000_000_000L / sizing.batchesPerSecond();
        long next = System.nanoTime();
        while (running) {
            List<PageEvent> batch = nextBatch();
            record(batch, send(batch));
            next += periodNanos;
            long ahead = next - System.nanoTime();
            if (ahead > 0) {
                PulseStack.pause(java.time.Duration.ofNanos(ahead));
            } else {
                // Behind (a request waited for Kafka): carry on from now rather than firing a burst to catch up.
                next = System.nanoTime();
            }
        }
    }

    private List<PageEvent> nextBatch() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<PageEvent> batch = new ArrayList<>(sizing.eventsPerBatch());
        for (int i = 0; i < sizing.eventsPerBatch(); i++) {
            long duration = random.nextInt(8) == 0 ? random.nextInt(101) : 101 + random.nextInt(9_000);
            batch.add(new PageEvent(pages.get(random.nextInt(pages.size())), idPrefix + "-" + nextId.incrementAndGet(),
                    now, duration));
        }
        return batch;
    }

    private String send(List<PageEvent> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(PageEventJson.toBytes(batch.get(i)));
        }
        body.write(']');
        try {
            HttpResponse<String> response = Http.post(producerUrl, "application/json", body.toByteArray());
            if (response.statusCode() == 202 && !response.body().contains("\"accepted\":" + batch.size())) {
                return "202 with a wrong count: " + Http.abbreviate(response.body());
            }
            return Integer.toString(response.statusCode());
        } catch (RuntimeException e) {
            // The producer unreachable, or no answer in time: not acknowledged.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName();
        }
    }

    private void record(List<PageEvent> batch, String outcome) {
        outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).addAndGet(batch.size());
        Map<String, PageEvent> into = outcome.equals("202") ? acknowledged : unacknowledged;
        batch.forEach(event -> into.put(event.user(), event));
    }

    long acknowledgedCount() {
        return acknowledged.size();
    }

    /** Stops the load and waits for the requests in flight to be answered. */
    @Override
    public void close() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info(() -> idPrefix + ": events per outcome " + new TreeMap<>(Map.copyOf(outcomes)));
    }

    /** Events answered 202, by id. Read after {@link #close()}. */
    Map<String, PageEvent> acknowledged() {
        return acknowledged;
    }

    /** Events answered otherwise, or not at all, by id. Read after {@link #close()}. */
    Map<String, PageEvent> unacknowledged() {
        return unacknowledged;
    }

    /** Events per outcome: "202", "503", or the exception that ended the request. */
    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((outcome, count) -> copy.put(outcome, count.get()));
        return copy;
    }
}
