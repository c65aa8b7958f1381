package dev.pulse.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * What Kafka Streams costs on this machine before any of Pulse's own work: a bare Kafka Streams application, run in a
 * JVM of its own with the services' options, that catches up with the same backlog as analytics with analytics'
 * throughput settings (exactly-once, two stream threads, 1 s commits). Two topologies bound analytics from below:
 * <ul>
 * <li>{@code read}: each record read and dropped, its offset committed in a transaction;</li>
 * <li>{@code count}: Kafka's own windowed {@code count()} per key in analytics' windows, in a RocksDB window store
 * behind the record cache, its updates written to an output topic: the shape of analytics' aggregate without its
 * decoding, sketches and JSON.</li>
 * </ul>
 * Runs until the process is stopped. Arguments: bootstrap servers, input topic, output topic, application id,
 * state directory, topology.
 */
public final class StreamsFloor {

    enum Shape {
        read, count
    }

    private StreamsFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrapServers = args[0];
        String input = args[1];
        String output = args[2];
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        KafkaStreams streams = new KafkaStreams(topology(Shape.valueOf(args[5]), input, output), config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(5));
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    static Topology topology(Shape shape, String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        var records = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        switch (shape) {
            case read -> records.foreach((key, value) -> {
            });
            case count -> records.groupByKey()
                    .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(10)))
                    .count(Materialized.with(Serdes.ByteArray(), Serdes.Long()))
                    .toStream((window, count) -> window.key())
                    .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
        }
        return builder.build();
    }
}
