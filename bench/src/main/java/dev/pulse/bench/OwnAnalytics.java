package dev.pulse.bench;

import java.util.HashMap;
import java.util.Map;

import dev.pulse.event.Topics;

/**
 * An analytics application of a phase's own: its application id and its input and output topics, apart from the
 * running services', so that its instances count only what the phase writes and start from empty state.
 */
record OwnAnalytics(String applicationId, String pageEvents, String pageCounts, String pageStats) {

    /** Creates the topics of {@code phase}, with the partitions of page-events. */
    static OwnAnalytics create(Bench bench, String phase) {
        OwnAnalytics own = new OwnAnalytics("bench-" + bench.runId() + "-" + phase, bench.topic(phase + "-events"),
                bench.topic(phase + "-counts"), bench.topic(phase + "-stats"));
        int partitions = Topics.PAGE_EVENTS.partitions();
        bench.kafka().createTopics(
                Map.of(own.pageEvents, partitions, own.pageCounts, partitions, own.pageStats, partitions));
        return own;
    }

    /** Another application on the same topics: analytics with other settings on the same backlog, say. */
    OwnAnalytics another(String suffix) {
        return new OwnAnalytics(applicationId + "-" + suffix, pageEvents, pageCounts, pageStats);
    }

    /** Starts an instance named {@code name}, with a state directory of its own. */
    Services.Started start(Bench bench, String name) {
        return start(bench, name, name);
    }

    /** Starts an instance named {@code name} on the state directory of the instance named {@code stateOf}. */
    Services.Started start(Bench bench, String name, String stateOf) {
        return start(bench, name, stateOf, Map.of());
    }

    /** As {@link #start(Bench, String, String)}, with more configuration. */
    Services.Started start(Bench bench, String name, String stateOf, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.putAll(Map.of(
                "quarkus.kafka-streams.application-id", applicationId,
                "kafka-streams.state.dir", Services.stateDir(bench.workDir(), stateOf + "-state").toString(),
                "pulse.analytics.topic.page-events", pageEvents,
                "pulse.analytics.topic.page-counts", pageCounts,
                "pulse.analytics.topic.page-stats", pageStats));
        return bench.services().startExtra("analytics", name, config);
    }
}
