package dev.pulse.analytics.streams;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.CountingConfig;

/** Hands the counting topology to the Kafka Streams extension, which starts it once its topics exist. */
@ApplicationScoped
class TopologyProducer {

    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    // One topology for the application: a dependent-scoped producer would build (and log) it per injection point.
    @Produces
    @Singleton
    Topology pageCountTopology(CountingConfig counting, AnalyticsConfig analytics) {
        SketchesCheck.requireUsable();
        CountingSettings settings = CountingSettings.of(counting, analytics.topic());
        LOG.infof("Counting page views longer than %d ms from %s, grace %s, in windows of %s",
                settings.minDurationMs(), settings.pageEventsTopic(), settings.grace(), settings.resolutions().stream()
                        .map(resolution -> resolution.name() + " kept " + resolution.retention())
                        .collect(Collectors.joining(", ")));
        Topology topology = PageCountTopology.build(settings);
        LOG.debug(topology.describe());
        return topology;
    }
}
