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
import dev.pulse.event.PageEventJson;

/**
 * The website tracker's events in the counting topology: a view counts when the page opens, whatever its duration;
 * its leave (the time on page) never counts as a view; classic events count as before.
 */
class TrackerEventsTopologyTest {

    private static final CountingSettings SETTINGS = new CountingSettings("page-events", "page-counts", "page-events-dlq",
            100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofHours(1));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> pageEvents;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private WindowStore<byte[], Long> store;

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
        store = driver.getWindowStore(PageCountTopology.COUNT_STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aTrackedViewCountsOnceWhenThePageOpensAndItsLeaveNotAgain() {
        pipe(new PageEvent("/docs", "visitor-1", T0.plusMillis(10), 0L, PageEvent.VIEW, "v-1"));
        assertEquals(1L, count("/docs", T0), "counted as soon as the page opened, though its duration is 0");

        pipe(new PageEvent("/docs", "visitor-1", T0.plusMillis(3_000), 2_990L, PageEvent.LEAVE, "v-1"));
        pipe(new PageEvent("/docs", "visitor-1", T0.plusMillis(6_000), 5_990L, PageEvent.LEAVE, "v-1"));
        assertEquals(1L, count("/docs", T0), "a leave is no view");
        assertNull(count("/docs", T0.plusSeconds(5)), "not even in the window it falls in");
    }

    @Test
    void classicAndTrackedViewsOfOnePageAddUp() {
        pipe(new PageEvent("/mixed", "workshop-user", T0, 500L));
        pipe(new PageEvent("/mixed", "workshop-user", T0, 50L));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 0L, PageEvent.VIEW, null));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 50L, PageEvent.LEAVE, null));
        pipe(new PageEvent("/mixed", "visitor-1", T0, 5_000L, PageEvent.LEAVE, null));

        assertEquals(2L, count("/mixed", T0), "the classic event over 100 ms and the tracker's view");
    }

    @Test
    void eventsOfAnUnknownKindOrATimedViewAreDeadLetteredNotCounted() {
        List<String> invalid = List.of(
                "{\"name\":\"/odd\",\"user\":\"v\",\"duration\":0,\"kind\":\"scroll\"}",
                "{\"name\":\"/odd\",\"user\":\"v\",\"duration\":900,\"kind\":\"view\"}");
        invalid.forEach(json -> pageEvents.pipeInput(PageCountTopology.utf8("/odd"), json.getBytes(), T0));

        assertEquals(invalid.size(), deadLetters.readRecordsToList().size());
        assertNull(count("/odd", T0));
    }

    private void pipe(PageEvent event) {
        pageEvents.pipeInput(PageCountTopology.utf8(event.name()), PageEventJson.toBytes(event), event.date());
    }

    private Long count(String page, Instant windowStart) {
        return store.fetch(PageCountTopology.utf8(page), windowStart.toEpochMilli());
    }
}
