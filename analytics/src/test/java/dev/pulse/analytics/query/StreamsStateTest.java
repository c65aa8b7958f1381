package dev.pulse.analytics.query;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Readiness and queryability as Kafka Streams goes through its states. */
class StreamsStateTest {

    private final StreamsState streams = new StreamsState();

    @Test
    void notReadyUntilFirstRunning() {
        assertFalse(streams.isReady());
        streams.onChange(State.REBALANCING, State.CREATED);
        assertFalse(streams.isReady(), "the first rebalance is start-up, not yet serving");
        assertThrows(CountsUnavailableException.class, streams::requireRunning);

        streams.onChange(State.RUNNING, State.REBALANCING);
        assertTrue(streams.isReady());
        assertDoesNotThrow(streams::requireRunning);
    }

    @Test
    void staysReadyThroughLaterRebalancesButAnswers503MeanWhile() {
        streams.onChange(State.REBALANCING, State.CREATED);
        streams.onChange(State.RUNNING, State.REBALANCING);
        streams.onChange(State.REBALANCING, State.RUNNING);

        assertTrue(streams.isReady());
        assertThrows(CountsUnavailableException.class, streams::requireRunning);
    }

    @Test
    void notReadyOnceStoppedOrFailed() {
        streams.onChange(State.REBALANCING, State.CREATED);
        streams.onChange(State.RUNNING, State.REBALANCING);
        streams.onChange(State.ERROR, State.RUNNING);
        assertFalse(streams.isReady());

        StreamsState stopping = new StreamsState();
        stopping.onChange(State.RUNNING, State.REBALANCING);
        stopping.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        assertFalse(stopping.isReady());
    }
}
