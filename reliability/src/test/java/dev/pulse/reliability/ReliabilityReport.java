package dev.pulse.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one run, printed when the last test is done, to stdout and {@code target/reliability-report.txt}.
 * Tests add to it as they go, before they assert, so that a failing run still reports what it found.
 */
final class ReliabilityReport implements AutoCloseable {

    private final long startNanos = System.nanoTime();
    final AtomicLong eventsSent = new AtomicLong();
    final AtomicLong eventsAcknowledged = new AtomicLong();
    final AtomicLong writtenWithoutAcknowledgement = new AtomicLong();
    final AtomicLong eventsAudited = new AtomicLong();
    final AtomicLong eventsLost = new AtomicLong();
    final AtomicLong doubleCounts = new AtomicLong();
    final AtomicLong consumerRedeliveries = new AtomicLong();
    final AtomicLong hostileInputs = new AtomicLong();
    final AtomicLong hostileInputsRefused = new AtomicLong();
    final AtomicLong hostileInputsWithoutJson = new AtomicLong();
    final AtomicLong poisonRecords = new AtomicLong();
    final AtomicLong deadLettersChecked = new AtomicLong();
    private final Map<String, AtomicLong> faults = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void fault(String fault) {
        faults.computeIfAbsent(fault, key -> new AtomicLong()).incrementAndGet();
    }

    synchronized void note(String line) {
        notes.add(line);
    }

    synchronized String text() {
        long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
        StringBuilder text = new StringBuilder();
        text.append(String.format("Pulse reliability report (%s form, %dm%02ds)%n", Sizing.CURRENT.name(), seconds / 60, seconds % 60));
        text.append(String.format("  events sent          %d (acknowledged %d; not acknowledged %d, of which written anyway %d)%n",
                eventsSent.get(), eventsAcknowledged.get(), eventsSent.get() - eventsAcknowledged.get(),
                writtenWithoutAcknowledgement.get()));
        text.append(String.format("  events audited       %d acknowledged events, each traced through Kafka, analytics and the consumer%n",
                eventsAudited.get()));
        StringBuilder injected = new StringBuilder();
        faults.forEach((fault, count) -> injected.append(injected.length() == 0 ? "" : ", ").append(fault).append(" x").append(count));
        text.append(String.format("  faults injected      %d (%s)%n", faults.values().stream().mapToLong(AtomicLong::get).sum(),
                injected.length() == 0 ? "none" : injected));
        text.append(String.format("  hostile inputs       %d tried, %d refused with a 4xx JSON error, %d with the right 4xx by the HTTP layer (no body)%n",
                hostileInputs.get(), hostileInputsRefused.get(), hostileInputsWithoutJson.get()));
        text.append(String.format("  poison records       %d written to page-events, %d dead letters checked (consumer and analytics)%n",
                poisonRecords.get(), deadLettersChecked.get()));
        text.append(String.format("  events lost          %d%n", eventsLost.get()));
        text.append(String.format("  double counts        %d (consumer re-deliveries after its crashes, allowed by at-least-once: %d)%n",
                doubleCounts.get(), consumerRedeliveries.get()));
        notes.forEach(note -> text.append("  ").append(note).append(System.lineSeparator()));
        return text.toString();
    }

    @Override
    public void close() {
        String text = text();
        System.out.println(System.lineSeparator() + text);
        try {
            Path file = Path.of("target", "reliability-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
