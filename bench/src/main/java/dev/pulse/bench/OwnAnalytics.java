package dev.pulse.bench;

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

    /** Starts an instance named {@code name}, with a state directory of its own. */
    Services.Started start(Bench bench, String name) {
        return start(bench, name, name);
    }

    /** Starts an instance named {@code name} on the state directory of the instance named {@code stateOf}. */
    Services.Started start(Bench bench, String name, String stateOf) {
        return bench.services().startExtra("analytics", name, Map.of(
                "quarkus.kafka-streams.application-id", applicationId,
                "kafka-streams.state.dir", Services.stateDir(bench.workDir(), stateOf + "-state").toString(),
                "pulse.analytics.topic.page-events", pageEvents,
                "pulse.analytics.topic.page-counts", pageCounts,
                "pulse.analytics.topic.page-stats", pageStats));
    }
}
