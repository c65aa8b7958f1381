package dev.pulse.analytics.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * What one instance contributed to a query.
 *
 * @param share its share when it {@link Outcome#ANSWERED}, otherwise null
 */
record InstanceAnswer<T extends Share>(HostInfo instance, Outcome outcome, T share) {

    enum Outcome {
        ANSWERED,
        /** Refused, failed or timed out: the instance may be gone; its pages are missing from the answer. */
        UNREACHABLE,
        /** Alive but its stores are moving (it answered 503): the whole answer must wait. */
        REBALANCING
    }

    static <T extends Share> InstanceAnswer<T> answered(HostInfo instance, T share) {
        return new InstanceAnswer<>(instance, Outcome.ANSWERED, share);
    }

    static <T extends Share> InstanceAnswer<T> failed(HostInfo instance, Outcome outcome) {
        return new InstanceAnswer<>(instance, outcome, null);
    }
}
