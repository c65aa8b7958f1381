package dev.pulse.analytics.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.InvalidPageEventException;
import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventJson;
import dev.pulse.analytics.query.PartitionWindows;
import dev.pulse.analytics.query.Resolutions;
import dev.pulse.analytics.query.Segment;
import dev.pulse.analytics.query.Tiling;
import dev.pulse.analytics.query.TimeRange;
import dev.pulse.sketches.DataSketches;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** The counting topology against Kafka Streams' test driver, with the default settings fixed here. */
class PageCountTopologyTest {

    private static final CountingSettings SETTINGS = new CountingSettings("page-events", "page-counts", "page-stats", "page-events-dlq",
            100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1), List.of("1m/48h", "1h/90d", "1d/400d"));
    private static final PartitionWindows WINDOWS = new PartitionWindows(SETTINGS.resolutions());
    /** A window boundary: 5 s windows are aligned to the epoch. */
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> pageEvents;
    private TestOutputTopic<byte[], PageCount> pageCounts;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<byte[], byte[]> pageStats;
    private WindowStore<byte[], PageStats> store;
    /** The test driver's stores, as {@link PartitionWindows} reads a partition's. */
    private final PartitionWindows.Stores driverStores = new PartitionWindows.Stores() {
        @Override
        public ReadOnlyWindowStore<byte[], PageStats> finest() {
            return driver.getWindowStore(PageCountTopology.STATS_STORE);
        }

        @Override
        public ReadOnlyWindowStore<byte[], MergedStats> rollup(Resolution rollup) {
            return driver.getWindowStore(rollup.store());
        }

        @Override
        public Optional<Instant> mergedUntil(Resolution rollup) {
            return Optional.ofNullable(driver.<String, Long> getKeyValueStore(PageCountTopology.ROLLUP_PROGRESS_STORE)
                    .get(PageCountTopology.progressKey(rollup))).map(Instant::ofEpochMilli);
        }
    };

    @BeforeEach
    void startDriver() {
        start(PageCountTopology.build(SETTINGS));
    }

    /** For tests feeding tens of thousands of events: the driver flushes the store after each, RocksDB to disk. */
    private void startWithStoreInMemory() {
        driver.close();
        start(PageCountTopology.build(SETTINGS, true));
    }

    private void start(Topology topology) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-analytics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(topology, config);
        pageEvents = driver.createInputTopic("page-events", new ByteArraySerializer(), new ByteArraySerializer());
        pageCounts = driver.createOutputTopic("page-counts", new ByteArrayDeserializer(), new ObjectMapperDeserializer<>(PageCount.class, PageCountTopology.JSON));
        deadLetters = driver.createOutputTopic("page-events-dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        pageStats = driver.createOutputTopic("page-stats", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        store = driver.getWindowStore(PageCountTopology.STATS_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void countsOnlyViewsLongerThanTheMinimumDuration() {
        for (long duration : new long[] { 0, 99, 100, 101, 86_400_000 }) {
            keyed(event("threshold", T0, duration), T0);
        }

        assertEquals(2L, count("threshold", T0));
    }

    @Test
    void windowsAreAlignedTumblingAndEndExclusive() {
        keyed(event("edges", T0, 500), T0);
        keyed(event("edges", T0.plusMillis(4_999), 500), T0);
        keyed(event("edges", T0.plusMillis(5_000), 500), T0);
        keyed(event("edges", T0.minusMillis(1), 500), T0);

        assertEquals(2L, count("edges", T0));
        assertEquals(1L, count("edges", T0.plusSeconds(5)));
        assertEquals(1L, count("edges", T0.minusSeconds(5)));
    }

    @Test
    void usesTheEventDateAsEventTimeAndTheRecordTimestampWhenThereIsNone() {
        Instant brokerTime = T0.plusSeconds(60);
        keyed(event("when", T0, 500), brokerTime);
        keyed(new PageEvent("when", "u", null, 500L), brokerTime);

        assertEquals(1L, count("when", T0));
        assertEquals(1L, count("when", brokerTime));
    }

    @Test
    void countsLateEventsWithinGraceAndDropsThemAfter() {
        keyed(event("late", T0, 500), T0);
        // Stream time 1 ms before the first window [T0, T0+5s) closes at its end + grace = T0+15s.
        keyed(event("late", T0.plusMillis(14_999), 500), T0);
        keyed(event("late", T0.plusSeconds(1), 500), T0);
        assertEquals(2L, count("late", T0));

        keyed(event("late", T0.plusSeconds(15), 500), T0);
        keyed(event("late", T0.plusSeconds(2), 500), T0);
        assertEquals(2L, count("late", T0), "an event later than the grace period is dropped");
    }

    @Test
    void countsKeyedUnkeyedAndMisKeyedEventsOnceUnderTheirName() {
        String page = "/docs/Grüße & café?q=1";
        pipe(PageCountTopology.utf8(page), event(page, T0, 500), T0);
        pipe(null, event(page, T0, 500), T0);
        pipe("another page".getBytes(UTF_8), event(page, T0, 500), T0);
        pipe(new byte[] { (byte) 0xff, (byte) 0xfe }, event(page, T0, 500), T0);

        assertEquals(4L, count(page, T0));
        assertNull(count("another page", T0));
        List<PageCount> updates = pageCounts.readValuesToList();
        assertEquals(List.of(new PageCount(page, T0, T0.plusSeconds(5), 1), new PageCount(page, T0, T0.plusSeconds(5), 2),
                new PageCount(page, T0, T0.plusSeconds(5), 3), new PageCount(page, T0, T0.plusSeconds(5), 4)), updates);
    }

    @Test
    void writesEachCountUpdateToPageCountsAsJsonKeyedByName() throws Exception {
        TestOutputTopic<byte[], byte[]> raw = driver.createOutputTopic("page-counts", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        pipe(null, event("json", T0.plusMillis(1_234), 500), T0);

        TestRecord<byte[], byte[]> update = raw.readRecord();
        assertEquals("json", new String(update.key(), UTF_8));
        JsonNode json = new ObjectMapper().readTree(update.value());
        List<String> fields = json.properties().stream().map(Map.Entry::getKey).toList();
        assertThat(fields, containsInAnyOrder("name", "windowStart", "windowEnd", "count"));
        assertEquals("json", json.get("name").asText());
        assertEquals("2026-01-01T00:00:00Z", json.get("windowStart").asText());
        assertEquals("2026-01-01T00:00:05Z", json.get("windowEnd").asText());
        assertEquals(1, json.get("count").asLong());
    }

    @Test
    void keepsViewsVisitorsAndTimeOnPageOfFewVisitsExactly() {
        keyed(new PageEvent("few", "ann", T0, 200L), T0);
        keyed(new PageEvent("few", "bob", T0.plusSeconds(1), 900L), T0);
        keyed(new PageEvent("few", "ann", T0.plusSeconds(2), 400L), T0);
        keyed(new PageEvent("few", "cid", T0.plusSeconds(3), 100L), T0);

        PageStats stats = stats("few", T0);
        assertEquals(3, stats.views());
        assertEquals(2, stats.visitors());
        assertEquals(new TimeOnPage(400L, 900L, 500.0), stats.timeOnPage());
    }

    @Test
    void visitorsOfOverlappingWindowsMergeToTheirUnionWithinTheSketchError() {
        startWithStoreInMemory();
        // 10,000 users over 3 windows, 6,000 in each, consecutive windows sharing 4,000: 18,000 visits.
        for (int w = 0; w < 3; w++) {
            Instant start = T0.plusSeconds(5L * w);
            for (int user = 2_000 * w; user < 2_000 * w + 6_000; user++) {
                keyed(new PageEvent("popular", "user-" + user, start.plusMillis(user % 5_000), 500L), start);
            }
            pageStats.readRecordsToList();
        }

        PageStatsUnion union = new PageStatsUnion();
        for (int w = 0; w < 3; w++) {
            PageStats window = stats("popular", T0.plusSeconds(5L * w));
            assertEquals(6_000, window.views());
            assertWithinHllError(6_000, window.visitors(), false);
            union.add(window);
        }
        assertEquals(18_000, union.views());
        assertWithinHllError(10_000, union.visitors(), true);
    }

    @Test
    void timeOnPageQuantilesAreWithinTheSketchRankErrorAndTheMeanIsExact() {
        startWithStoreInMemory();
        // 10,000 views lasting 101..10,100 ms, in random order, over two windows.
        List<Long> durations = LongStream.rangeClosed(101, 10_100).boxed().collect(Collectors.toList());
        Collections.shuffle(durations, new Random(14));
        for (int i = 0; i < durations.size(); i++) {
            Instant start = T0.plusSeconds(i % 2 == 0 ? 0 : 5);
            keyed(new PageEvent("slow", "user-" + i, start.plusMillis(i % 5_000), durations.get(i)), start);
        }
        pageStats.readRecordsToList();

        TimeOnPage merged = new PageStatsUnion().add(stats("slow", T0)).add(stats("slow", T0.plusSeconds(5))).timeOnPage();
        // Rank of a duration d among 101..10,100 is (d - 100) / 10,000.
        assertWithinKllError(0.50, (merged.p50() - 100) / 10_000.0);
        assertWithinKllError(0.95, (merged.p95() - 100) / 10_000.0);
        assertEquals(5_100.5, merged.mean(), 1e-9, "mean of 101..10,100");
    }

    @Test
    void writesEachStatsUpdateToPageStatsWithFiguresAndMergeableSketches() throws Exception {
        TestOutputTopic<byte[], byte[]> raw = driver.createOutputTopic("page-stats", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        pipe(null, new PageEvent("json", "ann", T0.plusMillis(1_234), 300L), T0);
        pipe(null, new PageEvent("json", "bob", T0.plusMillis(2_000), 500L), T0);

        List<TestRecord<byte[], byte[]>> updates = raw.readRecordsToList();
        assertEquals(2, updates.size());
        assertEquals("json", new String(updates.get(1).key(), UTF_8));
        JsonNode json = new ObjectMapper().readTree(updates.get(1).value());
        List<String> fields = json.properties().stream().map(Map.Entry::getKey).toList();
        assertThat(fields, containsInAnyOrder("name", "windowStart", "windowEnd", "views", "visitors", "duration",
                "durationTotalMs", "visitorsSketch", "durationSketch"));
        assertEquals("2026-01-01T00:00:00Z", json.get("windowStart").asText());
        assertEquals("2026-01-01T00:00:05Z", json.get("windowEnd").asText());
        assertEquals(2, json.get("views").asLong());
        assertEquals(2, json.get("visitors").asLong());
        assertEquals(300, json.get("duration").get("p50").asLong());
        assertEquals(500, json.get("duration").get("p95").asLong());
        assertEquals(400.0, json.get("duration").get("mean").asDouble());
        assertEquals(800, json.get("durationTotalMs").asLong());
        assertEquals(2.0, HllSketch.heapify(json.get("visitorsSketch").binaryValue()).getEstimate(), 1e-6);
        assertEquals(2, durationSketch(json).getN());
    }

    @Test
    void deadLettersWhatIsNotAValidEventWithItsKeyValueAndHeadersAndGoesOn() {
        byte[] nonUtf8Key = { (byte) 0xc3, (byte) 0x28 };
        Map<String, byte[]> garbage = Map.of(
                "not JSON", "{\"name\": ".getBytes(UTF_8),
                "wrong shape", "[1, 2, 3]".getBytes(UTF_8),
                "wrong type", "{\"name\":\"p\",\"user\":\"u\",\"duration\":\"long\"}".getBytes(UTF_8),
                "rule broken", "{\"name\":\"\",\"user\":\"u\",\"duration\":500}".getBytes(UTF_8),
                "before 1970", "{\"name\":\"p\",\"user\":\"u\",\"date\":\"1969-12-31T23:59:59Z\",\"duration\":500}".getBytes(UTF_8));
        garbage.forEach((what, value) -> pageEvents.pipeInput(new TestRecord<>(what.getBytes(UTF_8), value,
                new RecordHeaders(new Header[] { new RecordHeader("trace", what.getBytes(UTF_8)) }), T0)));
        pageEvents.pipeInput(new TestRecord<>(nonUtf8Key, null, new RecordHeaders(), T0));
        keyed(event("after garbage", T0, 500), T0);

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(garbage.size() + 1, dead.size());
        for (TestRecord<byte[], byte[]> letter : dead.subList(0, garbage.size())) {
            String what = new String(letter.key(), UTF_8);
            assertArrayEquals(garbage.get(what), letter.value(), what);
            assertEquals(what, header(letter, "trace"), "the record's own headers are kept");
            assertEquals(InvalidPageEventException.class.getName(), header(letter, DecodeProcessor.EXCEPTION_HEADER));
            assertEquals("page-events", header(letter, DecodeProcessor.TOPIC_HEADER));
            assertEquals("0", header(letter, DecodeProcessor.PARTITION_HEADER));
            assertThat(header(letter, DecodeProcessor.OFFSET_HEADER), matchesPattern("\\d+"));
            assertEquals("pulse-analytics-test", header(letter, DecodeProcessor.APPLICATION_HEADER));
            assertEquals(T0.toEpochMilli(), letter.timestamp());
        }
        Map<String, String> reasons = dead.subList(0, garbage.size()).stream().collect(Collectors.toMap(
                letter -> new String(letter.key(), UTF_8), letter -> header(letter, DecodeProcessor.REASON_HEADER)));
        assertThat(reasons.get("not JSON"), containsString("not valid JSON"));
        assertThat(reasons.get("wrong shape"), containsString("must be a JSON object"));
        assertThat(reasons.get("wrong type"), containsString("field 'duration'"));
        assertThat(reasons.get("rule broken"), containsString("field 'name'"));
        assertThat(reasons.get("before 1970"), containsString("field 'date'"));

        TestRecord<byte[], byte[]> tombstone = dead.get(garbage.size());
        assertArrayEquals(nonUtf8Key, tombstone.key(), "the key exactly as received, though not UTF-8");
        assertNull(tombstone.value());
        assertThat(header(tombstone, DecodeProcessor.REASON_HEADER), containsString("no value"));

        assertEquals(1L, count("after garbage", T0));
        assertNull(count("p", T0));
    }

    @Test
    void onlyEventsWithoutTheirNameAsKeyAreRepartitioned() {
        Topology topology = PageCountTopology.build(SETTINGS);
        TopologyDescription description = topology.describe();
        Set<String> sinkTopics = new HashSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Sink sink) {
                sinkTopics.add(sink.topic());
            }
        }));
        String repartition = PageCountTopology.BY_NAME + "-repartition";
        assertThat(sinkTopics, containsInAnyOrder("page-events-dlq", "page-counts", "page-stats", repartition));

        // A sink ends a path: reaching the aggregate from the page-events source means no repartition between.
        TopologyDescription.Node count = node(description, "stats");
        Set<TopologyDescription.Node> fromPageEvents = reachable(node(description, "page-events"));
        assertThat(fromPageEvents, hasItem(count));
        assertThat(fromPageEvents, hasItem(sink(description, repartition)));
        assertThat(reachable(sourceOf(description, repartition)), hasItem(count));
        assertEquals(1, paths(node(description, "page-events"), count), "one path without a repartition");
        assertThat(reachable(sourceOf(description, repartition)), not(hasItem(node(description, "decode"))));
    }

    // --- the website tracker's events: a view counts when the page opens, its leave only as time on page

    @Test
    void aTrackedViewCountsOnceWhenThePageOpensAndItsLeaveNotAgain() {
        keyed(new PageEvent("/docs", "visitor-1", T0.plusMillis(10), 0L, PageEvent.VIEW, "v-1"));
        assertEquals(1L, count("/docs", T0), "counted as soon as the page opened, though its duration is 0");
        assertNull(stats("/docs", T0).timeOnPage().p50(), "a view's time on page comes with its leave");

        keyed(new PageEvent("/docs", "visitor-1", T0.plusMillis(3_000), 2_990L, PageEvent.LEAVE, "v-1"));
        assertEquals(1L, count("/docs", T0), "a leave is no view");
        assertEquals(new TimeOnPage(2_990L, 2_990L, 2_990.0), stats("/docs", T0).timeOnPage());
    }

    @Test
    void aLeaveInALaterWindowRecordsTimeOnPageThereButNoViewAndNoCount() {
        keyed(new PageEvent("/long-read", "visitor-2", T0, 0L, PageEvent.VIEW, "v-2"));
        keyed(new PageEvent("/long-read", "visitor-2", T0.plusMillis(6_000), 6_000L, PageEvent.LEAVE, "v-2"));

        PageStats later = stats("/long-read", T0.plusSeconds(5));
        assertEquals(0L, later.views());
        assertEquals(6_000L, later.timeOnPage().p50());
        assertEquals(List.of(1L), pageCounts.readValuesToList().stream().map(PageCount::count).toList(),
                "page-counts tells of the view once, and of no window without views");
    }

    @Test
    void classicAndTrackedViewsOfOnePageAddUp() {
        keyed(new PageEvent("/mixed", "workshop-user", T0, 500L));
        keyed(new PageEvent("/mixed", "workshop-user", T0, 50L));
        keyed(new PageEvent("/mixed", "visitor-1", T0, 0L, PageEvent.VIEW, null));
        keyed(new PageEvent("/mixed", "visitor-1", T0, 300L, PageEvent.LEAVE, null));
        keyed(new PageEvent("/mixed", "visitor-1", T0, 5_000L, PageEvent.LEAVE, null));

        PageStats mixed = stats("/mixed", T0);
        assertEquals(2L, mixed.views(), "the classic event over 100 ms and the tracker's view");
        assertEquals(2L, mixed.visitors());
        assertEquals(new TimeOnPage(500L, 5_000L, (500.0 + 300.0 + 5_000.0) / 3), mixed.timeOnPage(),
                "the classic view's duration and both leaves; neither the short classic event nor the view's 0");
    }

    @Test
    void eventsOfAnUnknownKindOrATimedViewAreDeadLetteredNotCounted() {
        List<String> invalid = List.of(
                "{\"name\":\"/odd\",\"user\":\"v\",\"duration\":0,\"kind\":\"scroll\"}",
                "{\"name\":\"/odd\",\"user\":\"v\",\"duration\":900,\"kind\":\"view\"}");
        invalid.forEach(json -> pageEvents.pipeInput(PageCountTopology.utf8("/odd"), json.getBytes(), T0));

        assertEquals(invalid.size(), deadLetters.readRecordsToList().size());
        assertNull(stats("/odd", T0));
    }

    @Test
    void everyResolutionCountsEachEventOnceInItsUtcAlignedWindow() {
        Instant beforeMidnight = Instant.parse("2026-01-01T23:59:58Z");
        Instant afterMidnight = Instant.parse("2026-01-02T00:00:01Z");
        keyed(event("midnight", beforeMidnight, 500));
        keyed(event("midnight", afterMidnight, 500));

        for (Resolution resolution : SETTINGS.resolutions()) {
            assertEquals(1L, count(resolution, "midnight", resolution.floor(beforeMidnight)), resolution.name());
            assertEquals(1L, count(resolution, "midnight", resolution.floor(afterMidnight)), resolution.name());
        }
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), resolution("P1D").floor(beforeMidnight), "a day is a UTC day");
    }

    @Test
    void lateEventsWithinGraceCountInEveryResolutionAndLaterOnesInNone() {
        Instant beforeMidnight = Instant.parse("2026-01-01T23:59:58Z");
        keyed(event("late-rollup", beforeMidnight, 500));
        // Stream time past the end of every window holding 23:59:59, within grace (10 s) of it.
        keyed(event("late-rollup", Instant.parse("2026-01-02T00:00:09Z"), 500));
        keyed(event("late-rollup", Instant.parse("2026-01-01T23:59:59Z"), 500));
        // Past grace: the same late event is dropped by all.
        keyed(event("late-rollup", Instant.parse("2026-01-02T00:00:10Z"), 500));
        keyed(event("late-rollup", Instant.parse("2026-01-01T23:59:59Z"), 500));

        for (Resolution resolution : SETTINGS.resolutions()) {
            assertEquals(2L, count(resolution, "late-rollup", resolution.floor(beforeMidnight)), resolution.name());
        }
    }

    @Test
    void eachResolutionForgetsItsWindowsAfterItsOwnRetention() {
        // Far enough back that 400 days later is not in the future, which events may not be.
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        keyed(event("kept", start, 500));
        List<Resolution> resolutions = SETTINGS.resolutions();
        for (int gone = 0; gone < resolutions.size(); gone++) {
            // Stream time moves to 1 ms past this resolution's retention of the window at T0. A rollup's stream
            // time is that of the finer windows merged into it, once they are whole: a second event, one window of
            // the expiring resolution later, makes the first one's windows whole once a third closes its own.
            Resolution expiring = resolutions.get(gone);
            Instant expired = start.plus(expiring.retention()).plusMillis(1);
            Instant later = expired.plus(expiring.window()).plus(SETTINGS.grace());
            keyed(event("clock", expired, 500));
            keyed(event("clock", later, 500));
            keyed(event("clock", later.plus(SETTINGS.window()).plus(SETTINGS.grace()), 500));
            for (int i = 0; i < resolutions.size(); i++) {
                Resolution resolution = resolutions.get(i);
                assertEquals(i <= gone ? null : 1L, count(resolution, "kept", start),
                        resolution.name() + " after " + expiring.name() + "'s retention");
            }
        }
    }

    @Test
    void eachRollupTakesInTheFinerWindowsOnceTheyAreWholeAndItsMarkSaysHowFar() {
        Resolution minutes = resolution("PT1M");
        Resolution hours = resolution("PT1H");
        Instant first = T0.plusSeconds(1);
        keyed(event("merged", first, 500));
        keyed(event("merged", T0.plusSeconds(6), 500));
        // Stream time at 0:06: both finest windows are within grace, still to close.
        assertNull(rollupWindow(minutes, "merged", T0));
        assertEquals(Optional.of(T0.minusSeconds(5)), driverStores.mergedUntil(minutes), "0:06 less grace, on a window's end");
        assertEquals(2L, count(minutes, "merged", T0), "read from the finest windows meanwhile");

        // 0:15 closes [0:00, 0:05): 5 s + 10 s grace.
        keyed(event("clock", T0.plusSeconds(15), 500));
        assertEquals(1L, rollupWindow(minutes, "merged", T0).stats().views());
        assertEquals(T0.plusSeconds(5), rollupWindow(minutes, "merged", T0).mergedUntil());
        assertEquals(Optional.of(T0.plusSeconds(5)), driverStores.mergedUntil(minutes));
        assertEquals(2L, count(minutes, "merged", T0), "the merged window and the later finest one");
        assertNull(rollupWindow(hours, "merged", T0), "the minute is not whole yet");
        assertEquals(2L, count(hours, "merged", T0), "read from the minute and the finest windows meanwhile");

        // 1:15 closes [1:00, 1:05): every finest window of minute 0 is in, so the minute goes into its hour.
        keyed(event("clock", T0.plusSeconds(62), 500));
        keyed(event("clock", T0.plusSeconds(75), 500));
        assertEquals(2L, rollupWindow(hours, "merged", T0).stats().views());
        assertEquals(T0.plusSeconds(60), rollupWindow(hours, "merged", T0).mergedUntil());
        assertEquals(Optional.of(T0.plusSeconds(60)), driverStores.mergedUntil(hours));
        assertNull(rollupWindow(resolution("P1D"), "merged", T0), "the hour is not whole yet");
        assertEquals(2L, count(resolution("P1D"), "merged", T0));
    }

    @Test
    void windowsBeforeAQuietSpellLongerThanTheFinestRetentionAreInTheRollups() {
        keyed(event("quiet", T0.plusSeconds(1), 500));
        keyed(event("quiet", T0.plus(Duration.ofHours(2)), 500));

        assertNull(stats("quiet", T0), "the finest store forgot the window");
        assertEquals(1L, count(resolution("PT1M"), "quiet", T0));
        assertEquals(2L, count(resolution("P1D"), "quiet", T0));
    }

    /**
     * At any moment, whatever has closed or not, every window of every resolution reads exactly the events counted:
     * those that came within grace of their window, each once. Events arrive a few seconds apart over three hours
     * across midnight, one in ten up to 30 s late, so that some fall within grace (10 s) and some after it.
     */
    @Test
    void everyWindowOfEveryResolutionReadsTheEventsCountedEachOnceAtAnyMoment() {
        startWithStoreInMemory();
        Random random = new Random(22);
        Instant from = Instant.parse("2026-01-01T22:35:00Z");
        Instant latest = from;
        List<PageEvent> counted = new ArrayList<>();
        Instant time = from;
        for (int i = 1; i <= 4_000; i++) {
            time = time.plusMillis(random.nextInt(5_500));
            Instant date = random.nextInt(10) == 0 ? time.minusMillis(random.nextInt(30_000)) : time;
            PageEvent event = new PageEvent("page-" + random.nextInt(3), "user-" + random.nextInt(40), date, 500L);
            latest = latest.isAfter(date) ? latest : date;
            if (SETTINGS.resolutions().get(0).floor(date).plus(SETTINGS.window()).isAfter(latest.minus(SETTINGS.grace()))) {
                counted.add(event);
            }
            keyed(event);
            if (i % 250 == 0) {
                for (Resolution resolution : SETTINGS.resolutions()) {
                    // Within the finest windows' retention, with a margin for the store's own account of it.
                    Instant kept = latest.minus(SETTINGS.retention()).plus(Duration.ofMinutes(5));
                    assertReadsExactly(counted, resolution, kept.isAfter(from) ? kept : from.minusSeconds(30),
                            latest.plusSeconds(1));
                }
            }
        }
        assertTrue(counted.size() < 4_000, "some events came after grace");
        assertTrue(latest.isAfter(Instant.parse("2026-01-02T01:00:00Z")), "past midnight, and an hour more");
        assertTrue(driverStores.mergedUntil(resolution("P1D")).orElseThrow().isAfter(Instant.parse("2026-01-02T00:00:00Z")),
                "the day holds whole hours, merged");
    }

    private void assertReadsExactly(List<PageEvent> counted, Resolution resolution, Instant from, Instant to) {
        Segment segment = new Segment(resolution, resolution.ceil(from), resolution.ceil(to));
        Map<String, PageStatsUnion> read = new java.util.TreeMap<>();
        WINDOWS.forEach(driverStores, segment, (page, start, stats) -> read
                .computeIfAbsent(PageCountTopology.name(page) + " " + start, key -> new PageStatsUnion()).add(stats));
        Map<String, List<PageEvent>> expected = counted.stream()
                .filter(event -> !event.date().isBefore(segment.from()) && event.date().isBefore(segment.to()))
                .collect(Collectors.groupingBy(
                event -> event.name() + " " + resolution.floor(event.date()), java.util.TreeMap::new, Collectors.toList()));
        assertEquals(expected.keySet(), read.keySet(), resolution.name());
        expected.forEach((window, events) -> {
            assertEquals(events.size(), read.get(window).views(), resolution.name() + " " + window);
            // Few distinct visitors: HLL counts them exactly.
            assertEquals(events.stream().map(PageEvent::user).distinct().count(), read.get(window).visitors(),
                    resolution.name() + " " + window);
        });
    }

    @Test
    void aWeekTiledByWindowsOfEveryResolutionCountsEachViewOnceAndEachVisitorOnce() {
        startWithStoreInMemory();
        Instant now = Instant.parse("2026-01-08T14:23:17.250Z");
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Random random = new Random(7);
        List<PageEvent> events = new ArrayList<>();
        // Every 20 min over 8 days, every 10 s over the last 3 hours: 400 visitors coming back across days.
        for (Instant time = weekAgo.minus(Duration.ofDays(1)); time.isBefore(now); time = time.plus(
                time.isBefore(now.minus(Duration.ofHours(3))) ? Duration.ofMinutes(20) : Duration.ofSeconds(10))) {
            events.add(new PageEvent("week", "visitor-" + random.nextInt(400), time, 500L));
        }
        events.forEach(this::keyed);

        Tiling tiling = new Resolutions(SETTINGS.resolutions(), 300, Clock.fixed(now, ZoneOffset.UTC))
                .tiling(new TimeRange(weekAgo, now));
        PageStatsUnion union = new PageStatsUnion();
        for (Segment segment : tiling.segments()) {
            WINDOWS.forEach(driverStores, segment, PageCountTopology.utf8("week"), (page, start, stats) -> union.add(stats));
        }

        // What one store of 5 s windows kept for ever would say over the range covered.
        List<PageEvent> covered = events.stream().filter(event -> !event.date().isBefore(tiling.covered().from())
                && event.date().isBefore(tiling.covered().to())).toList();
        assertEquals(List.of("PT1H", "P1D", "PT1H", "PT1M", "PT5S"),
                tiling.segments().stream().map(segment -> segment.resolution().name()).toList());
        assertEquals(covered.size(), union.views());
        assertWithinHllError(covered.stream().map(PageEvent::user).distinct().count(), union.visitors(), true);
    }

    // --- helpers

    private void keyed(PageEvent event) {
        keyed(event, event.date());
    }

    private void keyed(PageEvent event, Instant recordTime) {
        pipe(PageCountTopology.utf8(event.name()), event, recordTime);
    }

    private void pipe(byte[] key, PageEvent event, Instant recordTime) {
        pageEvents.pipeInput(key, PageEventJson.toBytes(event), recordTime);
    }

    private static PageEvent event(String name, Instant date, long duration) {
        return new PageEvent(name, "user-1", date, duration);
    }

    private PageStats stats(String page, Instant windowStart) {
        return store.fetch(PageCountTopology.utf8(page), windowStart.toEpochMilli());
    }

    /** Within two standard errors, as HLL states them: the sketch hashes deterministically, so this never flakes. */
    private static void assertWithinHllError(long expected, long estimate, boolean merged) {
        double bound = HllSketch.getRelErr(false, merged, PageStats.VISITORS_LG_K, 2) * expected;
        assertTrue(Math.abs(estimate - expected) <= Math.abs(bound),
                estimate + " visitors is not within " + bound + " of " + expected);
    }

    /**
     * Within twice KLL's rank error at 99 % confidence: KLL compacts at random, and this margin makes a failure by
     * chance vanishingly rare while an estimate off by a few percent still fails.
     */
    private static void assertWithinKllError(double expectedRank, double rank) {
        double bound = 2 * KllSketch.getNormalizedRankError(PageStats.TIME_ON_PAGE_K, false);
        assertTrue(Math.abs(rank - expectedRank) <= bound, "rank " + rank + " is not within " + bound + " of " + expectedRank);
    }

    private MergedStats rollupWindow(Resolution rollup, String page, Instant windowStart) {
        return driver.<byte[], MergedStats> getWindowStore(rollup.store()).fetch(PageCountTopology.utf8(page),
                windowStart.toEpochMilli());
    }

    /** A window's views as the queries read it (see {@link PartitionWindows}); null when no store holds any of it. */
    private Long count(Resolution resolution, String page, Instant windowStart) {
        List<PageStats> parts = new ArrayList<>();
        WINDOWS.forEach(driverStores, new Segment(resolution, windowStart, windowStart.plus(resolution.window())),
                PageCountTopology.utf8(page), (key, start, stats) -> parts.add(stats));
        return parts.isEmpty() ? null : parts.stream().mapToLong(PageStats::views).sum();
    }

    private static Resolution resolution(String name) {
        return SETTINGS.resolutions().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** Views in the finest windows, those of the {@code page-stats} store. */
    private Long count(String page, Instant windowStart) {
        return count(SETTINGS.resolutions().get(0), page, windowStart);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static TopologyDescription.Node node(TopologyDescription description, String name) {
        return description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
                .filter(node -> node.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no node " + name));
    }

    private static TopologyDescription.Node sink(TopologyDescription description, String topic) {
        return description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Sink sink && topic.equals(sink.topic()))
                .findFirst().orElseThrow(() -> new AssertionError("no sink to " + topic));
    }

    private static TopologyDescription.Node sourceOf(TopologyDescription description, String topic) {
        return description.subtopologies().stream().flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source source && source.topicSet().contains(topic))
                .findFirst().orElseThrow(() -> new AssertionError("no source of " + topic));
    }

    private static Set<TopologyDescription.Node> reachable(TopologyDescription.Node from) {
        Set<TopologyDescription.Node> seen = new HashSet<>();
        Deque<TopologyDescription.Node> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            TopologyDescription.Node node = todo.pop();
            if (seen.add(node)) {
                todo.addAll(node.successors());
            }
        }
        return seen;
    }

    private static KllDoublesSketch durationSketch(JsonNode json) throws IOException {
        byte[] bytes = json.get("durationSketch").binaryValue();
        return DataSketches.heapifyKll(bytes, 0, bytes.length);
    }

    /** How many distinct paths lead from one node to another: more than one would count an event twice. */
    private static int paths(TopologyDescription.Node from, TopologyDescription.Node to) {
        return from.equals(to) ? 1 : from.successors().stream().mapToInt(next -> paths(next, to)).sum();
    }
}
