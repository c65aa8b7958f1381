package dev.pulse.analytics.query;

import org.apache.kafka.streams.state.HostInfo;

/** What one instance contributed to a query: its share, or why there is none. */
sealed interface InstanceAnswer<T extends Share> {

    HostInfo instance();

    record Answered<T extends Share>(HostInfo instance, T share) implements InstanceAnswer<T> {
    }

    /** Refused, failed or timed out: the instance may be gone; its pages are missing from the answer. */
    record Unreachable<T extends Share>(HostInfo instance) implements InstanceAnswer<T> {
    }

    /** Alive but its stores are moving (it answered 503): the whole answer must wait. */
    record Rebalancing<T extends Share>(HostInfo instance) implements InstanceAnswer<T> {
    }
}
