package dev.pulse.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;

/**
 * One fault scenario: load on pages of its own, faults injected while events flow, then the audit.
 * <p>
 * What the audit asserts, once the load has stopped:
 * <ol>
 * <li><b>Kafka</b>: every event answered 202 is in {@code page-events}, exactly once; nothing is there that the load
 * did not send. (Events answered otherwise may be there too: they were not acknowledged, so either is right.)</li>
 * <li><b>Analytics</b>, once its committed offsets reach the end of what was written (exactly-once: committed
 * means counted, and counted once): for every page, the sum over the windows of {@code /counts/history} equals the
 * number of written events longer than 100 ms. Any excess is a double count, any shortfall a loss.</li>
 * <li><b>Consumer</b>, once its committed offsets reach the end: if it was not killed during the scenario, its
 * {@code /stats} total of every page equals the number of written events, exactly: it consumed each once. If it
 * was killed, it is at-least-once, so: the restarted consumer's totals equal exactly the events at or after the
 * offsets the group had committed when it was killed (it resumed there, skipping nothing and re-reading nothing
 * before them), and every event before those offsets is in the killed consumers' own log of what they consumed.
 * Together: every written event was consumed at least once; events consumed twice are reported, not failed.</li>
 * </ol>
 * Every acknowledged event is written, so it is counted once by analytics and seen by the consumer.
 */
final class Scenario {

    private static final Logger LOG = Logger.getLogger(Scenario.class.getName());
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final int PAGES = 8;
    /** Analytics' default {@code analytics.min-duration}: only longer views are counted. */
    private static final long MIN_DURATION_MS = 100;

    /** What analytics must keep answering for a scenario's pages after it was audited, whatever faults come later. */
    record Expectation(String scenario, Map<String, Long> analyticsTotals) {
    }

    private record Written(String id, PageEvent event, int partition, long offset) {
    }

    private final PulseStack stack;
    private final ReliabilityReport report;
    private final Sizing sizing;
    private final String name;
    private final List<String> pages;
    private final Map<TopicPartition, Long> start;
    private final LoadGenerator load;
    private final List<Path> crashedConsumerLogs = new ArrayList<>();
    private Map<TopicPartition, Long> committedAtLastConsumerCrash;

    private Scenario(PulseStack stack, ReliabilityReport report, Sizing sizing, String name) {
        this.stack = stack;
        this.report = report;
        this.sizing = sizing;
        this.name = name;
        String prefix = "rel-" + stack.runId + "-" + name;
        this.pages = IntStream.range(0, PAGES).mapToObj(i -> prefix + "-page-" + i).toList();
        this.start = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        this.load = LoadGenerator.start(stack.producer().url("/events"), prefix, pages, sizing);
    }

    static Scenario begin(PulseStack stack, ReliabilityReport report, Sizing sizing, String name) {
        return new Scenario(stack, report, sizing, name);
    }

    /** Lets events flow for a while, and checks that they do: some are acknowledged in that time or soon after. */
    void flow() {
        long before = load.acknowledgedCount();
        PulseStack.pause(sizing.loadBetweenFaults());
        await("events acknowledged again in scenario " + name).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> load.acknowledgedCount() > before);
    }

    /** Kills the consumer and restarts it, noting what the suite needs to audit it. */
    void crashAndRestartConsumer() {
        crashedConsumerLogs.add(stack.crashConsumer());
        // Nobody commits for the group now: this is where the restarted consumer must resume.
        committedAtLastConsumerCrash = stack.kafka().committed(stack.consumerGroup, PulseStack.PAGE_EVENTS);
        stack.restartConsumer();
    }

    /** Stops the load and audits; returns what analytics must go on answering for these pages. */
    Expectation finishAndAudit() {
        load.close();
        Map<TopicPartition, Long> end = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        Map<String, PageEvent> acknowledged = load.acknowledged();
        Map<String, PageEvent> unacknowledged = load.unacknowledged();
        List<Written> written = written(end);

        Map<String, Long> copies = written.stream().collect(Collectors.groupingBy(Written::id, Collectors.counting()));
        Set<String> lostInKafka = new HashSet<>(acknowledged.keySet());
        lostInKafka.removeAll(copies.keySet());
        Map<String, Long> duplicatedInKafka = new TreeMap<>(copies);
        duplicatedInKafka.values().removeIf(count -> count == 1);
        Set<String> neverSent = copies.keySet().stream()
                .filter(id -> !acknowledged.containsKey(id) && !unacknowledged.containsKey(id))
                .collect(Collectors.toSet());
        long writtenAnyway = copies.keySet().stream().filter(unacknowledged::containsKey).count();
        Map<String, Long> outcomes = load.outcomes();

        report.eventsSent.addAndGet(acknowledged.size() + unacknowledged.size());
        report.eventsAcknowledged.addAndGet(acknowledged.size());
        report.writtenWithoutAcknowledgement.addAndGet(writtenAnyway);
        report.eventsLost.addAndGet(lostInKafka.size());
        report.doubleCounts.addAndGet(duplicatedInKafka.values().stream().mapToLong(count -> count - 1).sum());

        Map<String, Long> expectedCounts = perPage(written, event -> event.duration() > MIN_DURATION_MS);
        Map<String, Long> counted = new Counts(stack).awaitAnalytics(end, pages, Counts.FINEST);
        countDifferences(report, expectedCounts, counted);
        Map<String, Long> countedHourly = new Counts(stack).awaitAnalytics(end, pages, Counts.COARSE);

        ConsumerAudit consumer = auditConsumer(end, written);

        report.eventsAudited.addAndGet(acknowledged.size());
        report.note(String.format("%-22s %d sent, %d acknowledged (%s), %d written unacknowledged, consumer crashes %d",
                name + ":", acknowledged.size() + unacknowledged.size(), acknowledged.size(), outcomes, writtenAnyway,
                crashedConsumerLogs.size()));
        LOG.info(() -> name + ": audited " + acknowledged.size() + " acknowledged events; outcomes " + outcomes);

        assertAll("audit of scenario " + name,
                () -> assertTrue(acknowledged.size() > 0, "some events were acknowledged"),
                () -> assertTrue(Set.of("202", "503").containsAll(outcomes.keySet()),
                        "every request was answered 202, or 503 while Kafka could not take the events: " + outcomes),
                () -> assertEquals(Set.of(), sample(lostInKafka), lostInKafka.size() + " acknowledged events are not in Kafka"),
                () -> assertEquals(Map.of(), duplicatedInKafka, "events written more than once"),
                () -> assertEquals(Set.of(), neverSent, "events in Kafka the load never sent"),
                () -> assertEquals(expectedCounts, counted, "analytics' totals per page (excess: double counts)"),
                () -> assertEquals(expectedCounts, countedHourly, "analytics' totals per page in its hour windows"),
                consumer::assertions);
        return new Expectation(name, expectedCounts);
    }

    /** Re-checks that analytics still answers exactly what an earlier audit found, for that scenario's pages. */
    static void recheck(PulseStack stack, ReliabilityReport report, Expectation expectation) {
        Map<TopicPartition, Long> end = stack.kafka().endOffsets(PulseStack.PAGE_EVENTS);
        for (String resolution : List.of(Counts.FINEST, Counts.COARSE)) {
            Map<String, Long> counted = new Counts(stack).awaitAnalytics(end, expectation.analyticsTotals().keySet(),
                    resolution);
            countDifferences(report, expectation.analyticsTotals(), counted);
            assertEquals(expectation.analyticsTotals(), counted, "analytics' totals (" + resolution
                    + " windows) for the pages of scenario " + expectation.scenario() + ", audited before");
        }
    }

    private List<Written> written(Map<TopicPartition, Long> end) {
        Set<String> ours = Set.copyOf(pages);
        List<Written> written = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : stack.kafka().read(start, end)) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (!ours.contains(key)) {
                continue;
            }
            try {
                PageEvent event = PageEventJson.fromKafka(record.value());
                written.add(new Written(event.user(), event, record.partition(), record.offset()));
            } catch (InvalidPageEventException e) {
                throw new AssertionError("The producer wrote a record that is no valid event at " + record.partition()
                        + "@" + record.offset() + ": " + e.getMessage());
            }
        }
        return written;
    }

    private static void countDifferences(ReliabilityReport report, Map<String, Long> expected, Map<String, Long> got) {
        Set<String> pages = new HashSet<>(expected.keySet());
        pages.addAll(got.keySet());
        for (String page : pages) {
            long difference = got.getOrDefault(page, 0L) - expected.getOrDefault(page, 0L);
            (difference > 0 ? report.doubleCounts : report.eventsLost).addAndGet(Math.abs(difference));
        }
    }

    private static Map<String, Long> perPage(List<Written> written, Predicate<PageEvent> counted) {
        return written.stream().filter(w -> counted.test(w.event()))
                .collect(Collectors.groupingBy(w -> w.event().name(), TreeMap::new, Collectors.counting()));
    }

    private static <T> Set<T> sample(Set<T> set) {
        return set.stream().limit(10).collect(Collectors.toSet());
    }

    /** The consumer's side of the audit: computed (and reported) first, asserted with the rest. */
    private record ConsumerAudit(Map<String, Long> expected, Map<String, Long> counted, String what,
            List<String> missingFromCrashedLogs) {
        void assertions() {
            assertAll("consumer",
                    () -> assertEquals(expected, counted, what),
                    () -> assertEquals(List.of(), missingFromCrashedLogs,
                            "events before the committed offsets that no killed consumer logged as consumed"));
        }
    }

    private ConsumerAudit auditConsumer(Map<TopicPartition, Long> end, List<Written> written) {
        await("consumer group " + stack.consumerGroup + " committed up to " + end).atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.kafka().caughtUp(stack.consumerGroup, end));
        Map<String, Long> counted = consumerTotals();
        if (crashedConsumerLogs.isEmpty()) {
            Map<String, Long> expected = perPage(written, event -> true);
            countDifferences(report, expected, counted);
            return new ConsumerAudit(expected, counted, "the consumer's totals per page: each written event once", List.of());
        }
        Map<TopicPartition, Long> resumeAt = committedAtLastConsumerCrash;
        Predicate<Written> afterResume = w -> w.offset() >= resumeAt.getOrDefault(
                new TopicPartition(PulseStack.PAGE_EVENTS, w.partition()), 0L);
        Map<String, Long> expected = written.stream().filter(afterResume)
                .collect(Collectors.groupingBy(w -> w.event().name(), TreeMap::new, Collectors.counting()));

        Map<String, Long> loggedTimes = new HashMap<>();
        for (Path log : crashedConsumerLogs) {
            for (ConsumerLog.Consumed consumed : ConsumerLog.read(log)) {
                if (consumed.topic().equals(PulseStack.PAGE_EVENTS)) {
                    loggedTimes.merge(consumed.partition() + "@" + consumed.offset(), 1L, Long::sum);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        long redeliveries = 0;
        for (Written w : written) {
            long timesBefore = loggedTimes.getOrDefault(w.partition() + "@" + w.offset(), 0L);
            long times = timesBefore + (afterResume.test(w) ? 1 : 0);
            if (times == 0) {
                missing.add(w.id() + " at " + w.partition() + "@" + w.offset());
            }
            redeliveries += Math.max(0, times - 1);
        }
        report.consumerRedeliveries.addAndGet(redeliveries);
        report.eventsLost.addAndGet(missing.size());
        countDifferences(report, expected, counted);
        long finalRedeliveries = redeliveries;
        LOG.info(() -> name + ": consumer resumed at " + new TreeMap<>(resumeAt.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue))) + "; " + finalRedeliveries
                + " events consumed twice");
        return new ConsumerAudit(expected, counted,
                "the restarted consumer's totals per page: exactly the events from the offsets committed at the crash",
                missing.stream().limit(10).toList());
    }

    private Map<String, Long> consumerTotals() {
        JsonNode pagesNode = Http.getJson(stack.consumer().url("/stats")).path("pages");
        Map<String, Long> totals = new TreeMap<>();
        for (String page : pages) {
            if (pagesNode.has(page)) {
                totals.put(page, pagesNode.get(page).asLong());
            }
        }
        return totals;
    }

    /**
     * Analytics' totals, read once it has committed (hence counted) everything up to given offsets, from its windows of
     * one resolution: every resolution counts every event once, in the same transaction.
     */
    static final class Counts {

        static final String FINEST = "PT5S";
        static final String COARSE = "PT1H";

        private final PulseStack stack;

        Counts(PulseStack stack) {
            this.stack = stack;
        }

        Map<String, Long> awaitAnalytics(Map<TopicPartition, Long> end, Collection<String> pages, String resolution) {
            await("analytics " + stack.analyticsApplicationId + " committed up to " + end).atMost(CATCH_UP)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> stack.kafka().caughtUp(stack.analyticsApplicationId, end));
            // 503 while tasks move between threads or a restarted instance restores: ask again.
            HttpResponse<String> answer = await("analytics answering /counts/history").atMost(CATCH_UP)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> history(resolution), response -> response.statusCode() != 503);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode history = Http.parse(answer.body());
            assertEquals(false, history.path("partial").asBoolean(true), "one instance: never partial");
            Set<String> wanted = Set.copyOf(pages);
            Map<String, Long> totals = new TreeMap<>();
            for (JsonNode window : history.path("windows")) {
                window.path("counts").fields().forEachRemaining(count -> {
                    if (wanted.contains(count.getKey())) {
                        totals.merge(count.getKey(), count.getValue().asLong(), Long::sum);
                    }
                });
            }
            return totals;
        }

        private HttpResponse<String> history(String resolution) {
            Instant from = stack.startedAt.minus(Duration.ofMinutes(1));
            Instant to = Instant.now().plus(Duration.ofMinutes(1));
            return Http.get(stack.analytics().url("/counts/history?from=" + encode(from) + "&to=" + encode(to)
                    + "&resolution=" + resolution));
        }

        private static String encode(Instant instant) {
            return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
        }
    }
}
