package dev.pulse.analytics.streams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventSerde;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;

/**
 * Page views, visitors and time on page per page in tumbling event-time windows.
 *
 * <pre>
 * page-events ─► decode ─┬─ invalid ─────────────────────────────────────────────► page-events-dlq
 *                        └─ valid, counted ─────────┬─ key = name ──────────────┐            ┌─► stats per window ─┬─► page-counts
 *                                                  └─ no/other key ─► re-key by  ├─► merge ───┤   (page-stats)      └─► page-stats
 *                                                     name ─► repartition ───────┘            └─► rollups: closed windows into minutes, whole
 *                                                                                                 minutes into hours, whole hours into days
 *                                                                                                 (page-rollup-PT1M, ...)
 * </pre>
 *
 * Counted: a view (a classic event longer than the minimum duration, or a tracker's view) or a time on page (the
 * classic event's duration, or a tracker's leave): see {@link PageEvent#countsAsView} and
 * {@link PageEvent#countsTimeOnPage}.
 * <p>
 * Keys stay raw bytes from end to end: a dead letter keeps the key exactly as received (even one that is
 * not UTF-8), and a key equal to the UTF-8 name is the key Kafka's default partitioner placed, so those
 * records are already in the partition that owns their page and are counted without a repartition. Only
 * records without that key pay for the one explicit repartition, which inherits the partition count of
 * {@code page-events}: partition <i>p</i> of both topics feeds the same task. The merged stream is not
 * marked for repartitioning, so {@code groupByKey} adds none.
 * <p>
 * Assumption: a record keyed by its page name was partitioned by Kafka's default (murmur2) partitioner, as
 * Pulse's producer and every Java client do. (kcat: omit the key, or pass {@code -X partitioner=murmur2_random}.)
 */
public final class PageCountTopology {

    /** The window store of {@link PageStats} served by the interactive queries. */
    public static final String STATS_STORE = "page-stats";
    /** Per task and rollup: the end of the latest finer window merged into it ({@link RollupProcessor}). */
    public static final String ROLLUP_PROGRESS_STORE = "rollup-progress";
    /** Each rollup's window store of {@link MergedStats} is this followed by its resolution's name. */
    static final String ROLLUP_STORE_PREFIX = "page-rollup-";
    /**
     * The key, in that store, of the end of the latest finer window merged into {@code rollup}: each task has its own
     * store, so the mark is per partition.
     */
    public static String progressKey(Resolution rollup) {
        return "merged-until-" + rollup.name();
    }

    /** Page-counts and page-stats records as JSON, times as ISO-8601. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    /** Name of the one repartition topic: {@code <application.id>-page-events-by-name-repartition}. */
    static final String BY_NAME = "page-events-by-name";
    private static final String ROLLUPS = "rollups";

    private PageCountTopology() {
    }

    static Topology build(CountingSettings settings) {
        return build(settings, false);
    }

    /**
     * @param inMemory whether the stores are kept in memory rather than in RocksDB: for tests that feed tens of
     *                 thousands of events, since the test driver flushes the stores after every record
     */
    static Topology build(CountingSettings settings, boolean inMemory) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        PageEventSerde events = new PageEventSerde();
        StreamsBuilder builder = new StreamsBuilder();

        Map<String, KStream<byte[], DecodedEvent>> decoded = builder
                .stream(settings.pageEventsTopic(), Consumed.with(bytes, bytes).withName("page-events"))
                .processValues(DecodeProcessor::new, Named.as("decode"))
                .split(Named.as("decoded-"))
                .branch((key, value) -> value instanceof DecodedEvent.Valid, Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        decoded.get("decoded-invalid")
                .mapValues(value -> ((DecodedEvent.Invalid) value).raw(), Named.as("as-received"))
                .to(settings.deadLetterTopic(), Produced.with(bytes, bytes).withName("dead-letter"));

        Map<String, KStream<byte[], PageEvent>> counted = decoded.get("decoded-valid")
                .mapValues(value -> ((DecodedEvent.Valid) value).event(), Named.as("event"))
                .filter((key, event) -> event.countsAsView(settings.minDurationMs())
                        || event.countsTimeOnPage(settings.minDurationMs()), Named.as("counted"))
                .split(Named.as("counted-"))
                .branch(PageCountTopology::keyedByName, Branched.as("keyed-by-name"))
                .defaultBranch(Branched.as("other-key"));

        KStream<byte[], PageEvent> rekeyed = counted.get("counted-other-key")
                .selectKey((key, event) -> utf8(event.name()), Named.as("key-by-name"))
                .repartition(Repartitioned.with(bytes, events).withName(BY_NAME));

        KStream<byte[], PageEvent> allCounted = counted.get("counted-keyed-by-name").merge(rekeyed, Named.as("all-counted"));
        KGroupedStream<byte[], PageEvent> byPage = allCounted.groupByKey(Grouped.with(bytes, events));
        List<Resolution> resolutions = settings.resolutions();
        Resolution finest = resolutions.get(0);
        List<Resolution> rollups = resolutions.subList(1, resolutions.size());
        // Before the aggregate: an event that moves stream time on by more than the finest windows' retention makes the
        // aggregate's store forget windows that the rollups must have taken in first.
        if (!rollups.isEmpty()) {
            rollup(builder, allCounted, settings, rollups, inMemory);
        }
        KTable<Windowed<byte[]>, PageStats> windows = byPage
                .windowedBy(TimeWindows.ofSizeAndGrace(finest.window(), settings.grace()))
                .aggregate(PageStats::new, (page, event, stats) -> add(event, stats, settings.minDurationMs()),
                        Named.as("stats"), Materialized.<byte[], PageStats> as(inMemory
                                ? Stores.inMemoryWindowStore(finest.store(), finest.retention(), finest.window(), false)
                                : Stores.persistentTimestampedWindowStore(finest.store(), finest.retention(), finest.window(), false))
                                .withKeySerde(Serdes.ByteArray())
                                .withValueSerde(new PageStatsSerde()));
        KStream<Windowed<byte[]>, PageStats> updates = windows.toStream(Named.as("stats-updates"));

        // A window that so far holds only times on page (tracker leaves) has no count to tell page-counts' readers.
        updates.filter((window, stats) -> stats.views() > 0, Named.as("with-views"))
                .map((window, stats) -> KeyValue.pair(window.key(), PageCount.of(window, stats.views())), Named.as("as-page-count"))
                .to(settings.pageCountsTopic(), Produced.with(bytes, new ObjectMapperSerde<>(PageCount.class, JSON))
                        .withName("page-counts"));
        updates.map((window, stats) -> KeyValue.pair(window.key(), PageStatsRecord.of(name(window.key()),
                window.window().startTime(), window.window().endTime(), stats)), Named.as("as-page-stats"))
                .to(settings.pageStatsTopic(), Produced.with(bytes, new ObjectMapperSerde<>(PageStatsRecord.class, JSON))
                        .withName("page-stats"));

        Topology topology = builder.build();
        if (!rollups.isEmpty()) {
            // The aggregate's store exists once the aggregate does, after the rollups' processor.
            topology.connectProcessorAndStateStores(ROLLUPS, finest.store());
        }
        return topology;
    }

    /**
     * Each finest window, once grace has passed and the aggregate no longer changes it, merged into the finest rollup,
     * and each rollup window, once whole, into the next coarser one: see {@link RollupProcessor}, which sees the same
     * events as the aggregate. Late events within grace are in the finest window by then, hence in every rollup.
     */
    private static void rollup(StreamsBuilder builder, KStream<byte[], PageEvent> counted, CountingSettings settings,
            List<Resolution> rollups, boolean inMemory) {
        // Cached like the DSL's stores: a window merged into many times between commits is written out once.
        for (Resolution rollup : rollups) {
            builder.addStateStore(Stores.windowStoreBuilder(inMemory
                    ? Stores.inMemoryWindowStore(rollup.store(), rollup.retention(), rollup.window(), false)
                    : Stores.persistentWindowStore(rollup.store(), rollup.retention(), rollup.window(), false),
                    Serdes.ByteArray(), new MergedStatsSerde()).withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(inMemory
                ? Stores.inMemoryKeyValueStore(ROLLUP_PROGRESS_STORE)
                : Stores.persistentKeyValueStore(ROLLUP_PROGRESS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        String[] stores = Stream.concat(rollups.stream().map(Resolution::store), Stream.of(ROLLUP_PROGRESS_STORE))
                .toArray(String[]::new);
        counted.process(() -> new RollupProcessor(settings.resolutions(), settings.grace()), Named.as(ROLLUPS), stores);
    }

    /**
     * A counted event: a classic event is a view and its duration that view's time on page; a tracker's view is a
     * view whose time on page comes later, with its leave, which adds only that time.
     */
    private static PageStats add(PageEvent event, PageStats stats, long minDurationMs) {
        if (event.countsAsView(minDurationMs)) {
            stats.addView(event.user());
        }
        if (event.countsTimeOnPage(minDurationMs)) {
            stats.addTimeOnPage(event.duration());
        }
        return stats;
    }

    private static boolean keyedByName(byte[] key, PageEvent event) {
        return key != null && Arrays.equals(key, utf8(event.name()));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String name(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }
}
