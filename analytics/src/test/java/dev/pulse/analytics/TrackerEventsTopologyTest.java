package dev.pulse.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pulse.event.PageEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import dev.pulse.event.PageEventJson;

/**
 * The website tracker's events in the counting topology: a view counts when the page opens, whatever its duration;
 * its leave (the time on page) never counts as a view; classic events count as before.
 */
class TrackerEventsTopologyTest {

    private static final CountingSettings SETTINGS = new CountingSettings("page-events", "page-counts", "page-stats", "page-events-dlq",
            100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> pageEvents;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private TestOutputTopic<byte[], PageCount> pageCounts;
    private WindowStore<byte[], PageStats> store;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-analytics-tracker-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(PageCountTopology.build(SETTINGS), config);
        pageEvents = driver.createInputTopic("page-events", new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic("page-events-dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        pageCounts = driver.createOutputTopic("page-counts", new ByteArrayDeserializer(),
                new ObjectMapperDeserializer<>(PageCount.class, PageCountTopology.JSON));
        store = driver.getWindowStore(PageCountTopology.STATS_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aTrackedViewCountsOnceWhenThePageOpensAndItsLeaveNotAgain() {
        pipe(new PageEvent("/docs", "visitor-1", T0.plusMillis(10), 0L, PageEvent.VIEW, "v-1"));
        assertEquals(1L, views("/docs", T0), "counted as soon as the page opened, though its duration is 0");
        assertNull(stats("/docs", T0).timeOnPage().p50(), "a view's time on page comes with its leave");

        pipe(new PageEvent("/docs", "visitor-1", T0.plusMillis(3_000), 2_990L, PageEvent.LEAVE, "v-1"));
        assertEquals(1L, views("/docs", T0), "a leave is no view");
        assertEquals(new TimeOnPage(2_990L, 2_990L, 2_990.0), stats("/docs", T0).timeOnPage());
    }

    @Test
    void aLeaveInALaterWindowRecordsTimeOnPageThereButNoViewAndNoCount() {
        pipe(new PageEvent("/long-read", "visitor-2", T0, 0L, PageEvent.VIEW, "v-2"));
        pipe(new PageEvent("/long-read", "visitor-2", T0.plusMillis(6_000), 6_000L, PageEvent.LEAVE, "v-2"));

        PageStats later = stats("/long-read", T0.plusSeconds(5));
        assertEquals(0L, later.views());
        assertEquals(6_000L, later.timeOnPage().p50());
        assertEquals(List.of(1L), pageCounts.readValuesToList().stream().map(PageCount::count).toList(),
                "page-counts tells of the view once, and of no window without views");
    }

    @Test
    void classicAndTrackedViewsOfOnePageAddUp() {
        pipe(new PageEvent("/mixed", "workshop-user", T0, 500L));
        pipe(new PageEvent("/mixed", "workshop-user", T0, 50L));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 0L, PageEvent.VIEW, null));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 300L, PageEvent.LEAVE, null));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 5_000L, PageEvent.LEAVE, null));

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

    private void pipe(PageEvent event) {
        pageEvents.pipeInput(PageCountTopology.utf8(event.name()), PageEventJson.toBytes(event), event.date());
    }

    private PageStats stats(String page, Instant windowStart) {
        return store.fetch(PageCountTopology.utf8(page), windowStart.toEpochMilli());
    }

    private long views(String page, Instant windowStart) {
        return stats(page, windowStart).views();
    }
}
