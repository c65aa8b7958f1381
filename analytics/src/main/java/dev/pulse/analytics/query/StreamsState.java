package dev.pulse.analytics.query;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.jboss.logging.Logger;

/**
 * Follows the Kafka Streams state (the extension registers this bean as the state listener) so that
 * queries and readiness can tell whether the stores are served.
 */
@ApplicationScoped
class StreamsState implements KafkaStreams.StateListener {

    private static final Logger LOG = Logger.getLogger(StreamsState.class);

    private volatile State state = State.CREATED;
    private volatile boolean hasRun;

    @Override
    public void onChange(State newState, State oldState) {
        state = newState;
        if (newState == State.RUNNING) {
            hasRun = true;
        }
        if (newState == State.ERROR) {
            LOG.errorf("Kafka Streams stopped with an error (was %s): no more counting on this instance", oldState);
        } else {
            LOG.infof("Kafka Streams %s -> %s", oldState, newState);
        }
    }

    State state() {
        return state;
    }

    /**
     * Ready once the stores have been served at least once, and as long as they are served or being
     * rebalanced: a rebalance moves tasks for seconds, during which queries answer 503 with Retry-After,
     * which clients handle better than an instance dropping out of its load balancer.
     */
    boolean isReady() {
        State current = state;
        return hasRun && (current == State.RUNNING || current == State.REBALANCING);
    }

    /** @throws CountsUnavailableException unless Kafka Streams is running, the only state with queryable stores */
    void requireRunning() {
        State current = state;
        if (current != State.RUNNING) {
            throw new CountsUnavailableException("Kafka Streams is " + current + ", not RUNNING: counts cannot be read now");
        }
    }
}
