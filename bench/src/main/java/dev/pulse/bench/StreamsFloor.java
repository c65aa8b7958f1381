package dev.pulse.bench;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

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
 * Its rate is taken from the records themselves, from the first to the last of the backlog, and printed as
 * {@value #RATE_LINE} followed by records/s: the fastest of them catch up within two or three commits, too few
 * for a rate read from the committed offsets. Runs until the process is stopped. Arguments: bootstrap servers, input
 * topic, output topic, application id, state directory, topology, the number of records in the backlog.
 */
public final class StreamsFloor {

    enum Shape {
        read, count
    }

    static final String RATE_LINE = "records/s: ";

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
        Progress progress = new Progress(Long.parseLong(args[6]));
        KafkaStreams streams = new KafkaStreams(topology(Shape.valueOf(args[5]), input, output, progress), config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(5));
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    static Topology topology(Shape shape, String input, String output, Progress progress) {
        StreamsBuilder builder = new StreamsBuilder();
        var records = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .peek((key, value) -> progress.seen());
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

    /** Counts the records the stream threads take in and prints the rate once the whole backlog is in. */
    static final class Progress {

        private final long backlog;
        private final AtomicLong seen = new AtomicLong();
        private volatile long first;

        Progress(long backlog) {
            this.backlog = backlog;
        }

        void seen() {
            long count = seen.incrementAndGet();
            if (count == 1) {
                first = System.nanoTime();
            } else if (count == backlog) {
                System.out.println(RATE_LINE + (count - 1) / ((System.nanoTime() - first) / 1e9));
            }
        }
    }
}
