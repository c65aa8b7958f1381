package dev.pulse.analytics.query;

import java.util.List;

/** One analytics instance of the Kafka Streams application and the {@code page-events} partitions it counts. */
public record StreamsInstance(String host, int port, boolean self, List<Integer> partitions) {
}
