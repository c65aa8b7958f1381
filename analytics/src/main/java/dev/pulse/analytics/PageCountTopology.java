package dev.pulse.analytics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventSerde;

/**
 * Page views per page in tumbling event-time windows.
 *
 * <pre>
 * page-events ─► decode ─┬─ invalid ─────────────────────────────────────────────► page-events-dlq
 *                        └─ valid, duration &gt; min ─┬─ key = name ──────────────┐
 *                                                  └─ no/other key ─► re-key by  ├─► merge ─► count per
 *                                                     name ─► repartition ───────┘   window (page-count) ─► page-counts
 * </pre>
 *
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

    /** The window store served by the interactive queries. */
    public static final String COUNT_STORE = "page-count";
    /** Name of the one repartition topic: {@code <application.id>-page-events-by-name-repartition}. */
    static final String BY_NAME = "page-events-by-name";

    private PageCountTopology() {
    }

    public static Topology build(CountingSettings settings) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        PageEventSerde events = new PageEventSerde();
        StreamsBuilder builder = new StreamsBuilder();

        Map<String, KStream<byte[], DecodedEvent>> decoded = builder
                .stream(settings.pageEventsTopic(), Consumed.with(bytes, bytes).withName("page-events"))
                .processValues(DecodeProcessor::new, Named.as("decode"))
                .split(Named.as("decoded-"))
                .branch((key, value) -> value.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        decoded.get("decoded-invalid")
                .mapValues(DecodedEvent::raw, Named.as("as-received"))
                .to(settings.deadLetterTopic(), Produced.with(bytes, bytes).withName("dead-letter"));

        Map<String, KStream<byte[], PageEvent>> views = decoded.get("decoded-valid")
                .mapValues(DecodedEvent::event, Named.as("event"))
                .filter((key, event) -> event.countsAsView(settings.minDurationMs()), Named.as("views-only"))
                .split(Named.as("views-"))
                .branch(PageCountTopology::keyedByName, Branched.as("keyed-by-name"))
                .defaultBranch(Branched.as("other-key"));

        KStream<byte[], PageEvent> rekeyed = views.get("views-other-key")
                .selectKey((key, event) -> utf8(event.name()), Named.as("key-by-name"))
                .repartition(Repartitioned.with(bytes, events).withName(BY_NAME));

        views.get("views-keyed-by-name")
                .merge(rekeyed, Named.as("all-views"))
                .groupByKey(Grouped.with(bytes, events))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .count(Named.as("count"), Materialized.<byte[], Long, WindowStore<Bytes, byte[]>> as(COUNT_STORE)
                        .withKeySerde(bytes)
                        .withValueSerde(Serdes.Long())
                        .withRetention(settings.retention()))
                .toStream(Named.as("count-updates"))
                .map((window, count) -> KeyValue.pair(window.key(), PageCount.of(window, count)), Named.as("as-page-count"))
                .to(settings.pageCountsTopic(), Produced.with(bytes, new PageCountSerde()).withName("page-counts"));

        return builder.build();
    }

    private static boolean keyedByName(byte[] key, PageEvent event) {
        return key != null && Arrays.equals(key, utf8(event.name()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
