package dev.pulse.analytics;

import org.apache.kafka.streams.state.HostInfo;

/**
 * What one instance contributed to a query.
 *
 * @param counts its share when it {@link Outcome#ANSWERED}, otherwise null
 */
record InstanceAnswer(HostInfo instance, Outcome outcome, LocalCounts counts) {

    enum Outcome {
        ANSWERED,
        /** Refused, failed or timed out: the instance may be gone; its pages are missing from the answer. */
        UNREACHABLE,
        /** Alive but its stores are moving (it answered 503): the whole answer must wait. */
        REBALANCING
    }

    static InstanceAnswer answered(HostInfo instance, LocalCounts counts) {
        return new InstanceAnswer(instance, Outcome.ANSWERED, counts);
    }

    static InstanceAnswer failed(HostInfo instance, Outcome outcome) {
        return new InstanceAnswer(instance, outcome, null);
    }
}
