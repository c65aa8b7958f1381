package dev.pulse.analytics.query;

import static dev.pulse.analytics.CountResponses.countsByWindow;
import static dev.pulse.analytics.CountResponses.view;
import static dev.pulse.analytics.CountResponses.windowOf;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.pulse.analytics.CountResponses;
import dev.pulse.kafka.EmbeddedKafka;
import dev.pulse.security.NewCredentials;
import dev.pulse.testing.AccessMatrix.Caller;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.PackagedApp;
import dev.pulse.testing.TestCredentials;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Three packaged analytics instances sharing one application id, with access control on: every instance answers a
 * viewer for every page, asking the others with the peer key they share; one-page queries reach the owner; when one
 * instance dies, or one without the peer key joins, the answers are never silently wrong.
 */
class AnalyticsClusterIT {

    private static final int INSTANCES = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The analytics instances' shared secret, as a deployment gives it to each. */
    private static final String PEER_KEY = NewCredentials.key();

    private static EmbeddedKafka broker;
    private static String applicationId;
    /** The cluster's own input: other tests' events on the shared broker must not reach its totals. */
    private static String pageEvents;
    private static final List<PackagedApp> instances = new ArrayList<>();
    /** Every instance started, the stopped ones too, for the scan of their logs. */
    private static final List<PackagedApp> started = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        broker = KafkaBrokerTestResource.broker();
        // A fresh application id: no state or offsets from an earlier run on the same broker.
        applicationId = "pulse-analytics-it-" + UUID.randomUUID();
        pageEvents = "page-events-" + applicationId;
        broker.createTopics(Map.of(pageEvents, 6));
        List<CompletableFuture<PackagedApp>> starting = new ArrayList<>();
        for (int i = 1; i <= INSTANCES; i++) {
            String name = "analytics-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> startInstance(name, true)));
        }
        starting.forEach(app -> instances.add(app.join()));
    }

    /** An instance of the cluster, with access control on; {@code withPeerKey}: given the key the others have. */
    private static PackagedApp startInstance(String name, boolean withPeerKey) {
        int port = EmbeddedKafka.freePort();
        Map<String, String> config = new HashMap<>(TestCredentials.config());
        try {
            config.put("kafka-streams.state.dir", Files.createTempDirectory("pulse-analytics-it-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.putAll(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.application-id", applicationId,
                "quarkus.kafka-streams.application-server", "127.0.0.1:" + port,
                "pulse.analytics.topic.page-events", pageEvents));
        if (withPeerKey) {
            config.put("pulse.access.peer-key", PEER_KEY);
        }
        PackagedApp instance = PackagedApp.start("analytics", name, port, config);
        synchronized (started) {
            started.add(instance);
        }
        return instance;
    }

    @AfterAll
    static void stopCluster() throws IOException {
        instances.forEach(PackagedApp::close);
        for (PackagedApp instance : started) {
            String log = Files.readString(instance.log());
            for (String secret : List.of(PEER_KEY, TestCredentials.key(TestCredentials.VIEWER_KEY_NAME))) {
                assertFalse(log.contains(secret), "a key in the log of " + instance.name());
            }
        }
    }

    @Test
    void everyInstanceAnswersForAllPagesAndNeverWithAnUnmarkedWrongTotal() {
        assertEquals(INSTANCES, instances.size());
        awaitCounting(instances);

        Instant window = windowOf(Instant.now().minusSeconds(20));
        Map<String, Long> expected = produceViews(window, "");

        for (PackagedApp instance : instances) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Response answer = history(instance, window, null);
                assertEquals(200, answer.statusCode(), instance.name() + ": " + answer.asString());
                assertEquals(false, answer.jsonPath().getBoolean("partial"), instance.name());
                assertEquals(Map.of(window, expected), countsByWindow(answer.jsonPath(), expected.keySet()), instance.name());
            });
            // Over 7 days, in hour windows: the same counts, in the hour holding the window.
            JsonPath week = asViewer().queryParam("from", Instant.now().minus(Duration.ofDays(7)).toString())
                    .get(instance.url("/counts/history")).then().statusCode(200).extract().jsonPath();
            assertEquals("PT1H", week.getString("resolution"), instance.name());
            assertEquals(Map.of(window.truncatedTo(ChronoUnit.HOURS), expected), countsByWindow(week, expected.keySet()),
                    instance.name());
        }
        List<String> sample = List.of("/a/b c/1", "a+b&c=d%e", "Grüße 😀", "page-7", "page-30");
        for (PackagedApp instance : instances) {
            for (String page : sample) {
                JsonPath answer = history(instance, window, page).then().statusCode(200).extract().jsonPath();
                assertEquals(false, answer.getBoolean("partial"));
                assertEquals(Map.of(window, Map.of(page, expected.get(page))), countsByWindow(answer, Set.of(page)),
                        instance.name() + " for " + page);
                assertEquals(1, answer.getList("windows").size(), "only that page's window");
            }
        }

        // After the first window: the packaged instances run with the default grace, 10 s behind the newest event.
        everyInstanceRanksPagesAsTheEventsSay(window.plus(CountResponses.WINDOW.multipliedBy(2)));

        PackagedApp killed = instances.remove(1);
        killed.kill();

        AtomicBoolean sawPartial = new AtomicBoolean();
        Set<PackagedApp> recovered = new HashSet<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (PackagedApp survivor : instances) {
                Response answer = history(survivor, window, null);
                if (answer.statusCode() == 503) {
                    assertThat("503 says when to retry", answer.header("Retry-After"), notNullValue());
                    continue;
                }
                assertEquals(200, answer.statusCode(), survivor.name() + ": " + answer.asString());
                Map<Instant, Map<String, Long>> counts = countsByWindow(answer.jsonPath(), expected.keySet());
                if (answer.jsonPath().getBoolean("partial")) {
                    sawPartial.set(true);
                    counts.getOrDefault(window, Map.of()).forEach((page, count) -> assertEquals(expected.get(page), count,
                            survivor.name() + ": a partial answer must still be exact for " + page));
                    assertThat(counts.getOrDefault(window, Map.of()), not(anEmptyMap()));
                } else {
                    assertEquals(Map.of(window, expected), counts, survivor.name() + ": an answer not marked partial must be complete");
                    recovered.add(survivor);
                }
            }
            return recovered.containsAll(instances);
        });
        assertTrue(sawPartial.get(), "while the dead instance still held partitions, answers were marked partial");

        for (PackagedApp survivor : instances) {
            for (String page : sample) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Response answer = history(survivor, window, page);
                    assertEquals(200, answer.statusCode(), answer.asString());
                    assertEquals(Map.of(window, Map.of(page, expected.get(page))), countsByWindow(answer.jsonPath(), Set.of(page)));
                });
            }
        }
    }

    /**
     * An instance given no peer key joins the group and takes partitions, but the others refuse its queries and it
     * refuses theirs: each side answers without the other's pages, marked partial, never as if they had no views,
     * and says why in its log.
     */
    @Test
    void anInstanceWithoutThePeerKeyIsLeftOutOfTheAnswersAndTheyAreMarkedPartial() throws IOException {
        awaitCounting(instances);
        Instant window = windowOf(Instant.now().minusSeconds(20));
        Map<String, Long> expected = produceViews(window, "without-peer-key/");
        PackagedApp keyed = instances.get(0);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Response answer = history(keyed, window, null);
            assertEquals(200, answer.statusCode(), keyed.name() + ": " + answer.asString());
            assertEquals(false, answer.jsonPath().getBoolean("partial"), keyed.name());
            assertEquals(Map.of(window, expected), countsByWindow(answer.jsonPath(), expected.keySet()), keyed.name());
        });

        PackagedApp keyless = startInstance("analytics-without-peer-key", false);
        try {
            List<PackagedApp> group = new ArrayList<>(instances);
            group.add(keyless);
            awaitCounting(group);
            for (PackagedApp asked : group) {
                await().atMost(PATIENCE).untilAsserted(() -> {
                    Response answer = history(asked, window, null);
                    assertEquals(200, answer.statusCode(), asked.name() + ": " + answer.asString());
                    assertEquals(true, answer.jsonPath().getBoolean("partial"), asked.name());
                    Map<String, Long> counts = countsByWindow(answer.jsonPath(), expected.keySet()).getOrDefault(window, Map.of());
                    counts.forEach((page, count) -> assertEquals(expected.get(page), count,
                            asked.name() + ": a partial answer must still be exact for " + page));
                    assertThat(counts, not(anEmptyMap()));
                    assertTrue(counts.size() < expected.size(), asked.name() + ": the pages of the instances it cannot ask are left out");
                });
            }
            assertLogged(keyless, "pulse.access.peer-key is not set");
            assertLogged(keyless, "this instance has no pulse.access.peer-key to send");
            for (PackagedApp instance : instances) {
                assertLogged(instance, "refused this instance's query (401), its pages are left out: it does not accept "
                        + "this instance's pulse.access.peer-key");
            }
        } finally {
            keyless.close();
        }
    }

    private static void assertLogged(PackagedApp instance, String text) throws IOException {
        assertTrue(Files.readString(instance.log()).contains(text), instance.name() + " logs: " + text);
    }

    /**
     * Pages spread over every partition, visitors shared between them: each instance's {@code /pages} must be the
     * figures of the events themselves, counted here without Pulse's code: so few visitors and times per page that the
     * sketches are exact (a KLL sketch of a few items keeps them all; its quantile {@code q} is the item of rank
     * {@code ceil(q n)}).
     */
    private static void everyInstanceRanksPagesAsTheEventsSay(Instant window) {
        Map<String, List<Long>> durations = new TreeMap<>();
        Map<String, Set<String>> visitors = new TreeMap<>();
        Set<String> allVisitors = new HashSet<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            String page = i % 9 == 0 ? "stats/Grüße & ?" + i : "stats-" + i;
            for (int v = 0; v <= i % 5; v++) {
                String user = "visitor-" + (i * 7 + v) % 40;
                long duration = 60 + 37L * i + 11L * v;
                records.add(toClusterTopic(view(v % 2 == 0 ? page : null, page, user, window.plusMillis(100L * v + i), duration)));
                if (duration > 100) {
                    durations.computeIfAbsent(page, name -> new ArrayList<>()).add(duration);
                    visitors.computeIfAbsent(page, name -> new HashSet<>()).add(user);
                    allVisitors.add(user);
                }
            }
        }
        produce(records);
        List<Map<String, Object>> pages = durations.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Long>> page) -> -page.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(page -> Map.<String, Object> of("name", page.getKey(), "views", page.getValue().size(),
                        "visitors", visitors.get(page.getKey()).size(), "duration", duration(page.getValue())))
                .toList();
        Map<String, Object> totals = Map.of("views", durations.values().stream().mapToInt(List::size).sum(),
                "visitors", allVisitors.size());
        assertTrue((int) totals.get("visitors") < (int) totals.get("views"), "visitors are shared between pages");

        for (PackagedApp instance : instances) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Response answer = asViewer().queryParam("from", window.toString()).queryParam("to", window.toString())
                        .queryParam("top", 1000).get(instance.url("/pages"));
                assertEquals(200, answer.statusCode(), instance.name() + ": " + answer.asString());
                assertEquals(false, answer.jsonPath().getBoolean("partial"), instance.name());
                assertEquals(totals, answer.jsonPath().getMap("totals"), instance.name());
                assertEquals(pages, answer.jsonPath().getList("pages"), instance.name());
            });
            // The last 7 days: hours, days, hours, minutes and seconds, read on every instance and merged by the one
            // asked. These pages' figures are the same as in their one window, on every instance.
            Response week = asViewer().queryParam("from", Instant.now().minus(Duration.ofDays(7)).toString())
                    .queryParam("top", 1000).get(instance.url("/pages"));
            assertEquals(200, week.statusCode(), instance.name() + ": " + week.asString());
            assertEquals(false, week.jsonPath().getBoolean("partial"), instance.name());
            assertEquals(pages, week.jsonPath().getList("pages").stream()
                    .filter(page -> durations.containsKey(((Map<?, ?>) page).get("name"))).toList(), instance.name());
        }
    }

    /** Until each of {@code members} sees all of them in the group, each with its own share of the partitions. */
    private static void awaitCounting(List<PackagedApp> group) {
        for (PackagedApp instance : group) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonPath members = asViewer().get(instance.url("/instances")).then().statusCode(200).extract().jsonPath();
                assertEquals(group.size(), members.getList("").size());
                List<Integer> partitions = members.getList("partitions.flatten()", Integer.class);
                assertEquals(Set.of(0, 1, 2, 3, 4, 5), Set.copyOf(partitions));
                assertEquals(6, partitions.size(), "each partition counted by one instance");
                assertEquals(List.of(true), members.getList("findAll { it.self }.self"));
                members.getList("partitions", List.class).forEach(share -> assertTrue(!share.isEmpty(), "every instance has work"));
            });
        }
    }

    /**
     * Views of many pages, all in {@code window}, so that every partition gets some: keyed by name, without a
     * key, or with another key, plus views too short to count and a record that is no event at all.
     *
     * @param prefix before each page's name: the tests' windows differ, their hours need not
     */
    private static Map<String, Long> produceViews(Instant window, String prefix) {
        List<String> pages = new ArrayList<>(List.of("/a/b c/1", "a+b&c=d%e", "Grüße 😀", "{braces} #hash ?q"));
        for (int i = 0; i < 40; i++) {
            pages.add("page-" + i);
        }
        pages.replaceAll(page -> prefix + page);
        Map<String, Long> expected = new LinkedHashMap<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            long views = i % 4 + 1;
            for (int v = 0; v < views; v++) {
                String key = switch (v % 3) {
                    case 0 -> page;
                    case 1 -> null;
                    default -> "not " + page;
                };
                records.add(view(key, page, window.plusMillis(v * 1_000L + i), 150));
            }
            records.add(view(page, page, window, 100));
            expected.put(page, views);
        }
        records.add(new ProducerRecord<>(pageEvents, "garbage", "not an event"));
        produce(records.stream().map(AnalyticsClusterIT::toClusterTopic).toList());
        return expected;
    }

    private static ProducerRecord<String, String> toClusterTopic(ProducerRecord<String, String> record) {
        return new ProducerRecord<>(pageEvents, record.key(), record.value());
    }

    private static void produce(List<ProducerRecord<String, String>> records) {
        try (KafkaCompanion companion = new KafkaCompanion(broker.bootstrapServers())) {
            companion.produceStrings().fromRecords(records).awaitCompletion(PATIENCE);
        }
    }

    /** Time on page as the API writes it, from all the times: p50 and p95 as a KLL sketch holding every item, the mean. */
    private static Map<String, Object> duration(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return Map.of("p50", quantile(sorted, 0.5), "p95", quantile(sorted, 0.95),
                "mean", (float) sorted.stream().mapToLong(Long::longValue).average().orElseThrow());
    }

    private static int quantile(List<Long> sorted, double q) {
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1).intValue();
    }

    /** A request with the credentials a dashboard has: a viewer's key. */
    private static RequestSpecification asViewer() {
        return Caller.VIEWER_KEY.on(given());
    }

    private static Response history(PackagedApp instance, Instant window, String page) {
        var request = asViewer().queryParam("from", window.toString()).queryParam("to", window.toString());
        if (page != null) {
            request.queryParam("name", page);
        }
        try {
            return request.get(instance.url("/counts/history"));
        } catch (RuntimeException e) {
            return fail(instance.name() + " did not answer: " + e);
        }
    }
}
