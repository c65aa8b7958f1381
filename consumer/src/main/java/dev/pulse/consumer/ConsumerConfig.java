package dev.pulse.consumer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/**
 * The consumer's own settings, {@code pulse.consumer.*} (env: {@code PULSE_CONSUMER_*}), defaults in
 * application.properties. The topic, group and dead-letter settings feed the {@code page-events} channel's
 * configuration; they are declared here too so that a misspelt key fails at startup.
 */
@ConfigMapping(prefix = "pulse.consumer")
public interface ConsumerConfig {

    /** The topic consumed. */
    String topic();

    /** Where records that are not valid events go. */
    String deadLetterTopic();

    /** The consumer group: instances sharing it split the partitions and share committed offsets. */
    String groupId();

    /** How many of the latest events are kept for {@code GET /events/recent}. */
    int recentEvents();

    /**
     * How many distinct pages get a total of their own. Page names are client input: without a bound, a stream
     * of ever-new names would grow the map until the heap is gone.
     */
    int maxTrackedPages();

    /** How often the INFO summary is logged, when anything arrived. */
    Duration summaryInterval();

    /** How long readiness waits for the broker before it answers DOWN: shorter than a container probe's timeout. */
    Duration readinessTimeout();
}
