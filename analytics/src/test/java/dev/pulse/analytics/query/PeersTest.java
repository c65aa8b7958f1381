package dev.pulse.analytics.query;

import static dev.pulse.analytics.CountResponses.WINDOW;
import static dev.pulse.analytics.CountResponses.windowOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import dev.pulse.security.NewCredentials;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * Queries to another instance carry the peer key, and an instance that refuses them is left out of the answer, marked
 * partial, rather than taken for one holding nothing. The other instance here is this one, asked through its port.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
@WithTestResource(PeersTest.SharedPeerKey.class)
class PeersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Peers peers;

    @TestHTTPResource
    URL self;

    @Test
    void asksWithThePeerKeyItShares() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertInstanceOf(InstanceAnswer.Answered.class, ask(peers)));
    }

    @Test
    void anInstanceRefusingItsPeerKeyIsUnreachableAndTheAnswerPartial() {
        Peers otherKey = new Peers(TIMEOUT, Optional.of(NewCredentials.key()));
        try {
            InstanceAnswer<LocalCounts> refused = ask(otherKey);
            assertInstanceOf(InstanceAnswer.Unreachable.class, refused);
            assertEquals(true, Shares.of(Set.of(0, 1, 2, 3, 4, 5), List.of(refused)).partial());
        } finally {
            otherKey.closeClients();
        }
    }

    @Test
    void withoutAPeerKeyItsQueriesAreRefused() {
        Peers withoutKey = new Peers(TIMEOUT, Optional.empty());
        try {
            assertInstanceOf(InstanceAnswer.Unreachable.class, ask(withoutKey));
        } finally {
            withoutKey.closeClients();
        }
    }

    /** This instance's counts of a window a minute ago, asked as another instance would. */
    private InstanceAnswer<LocalCounts> ask(Peers asking) {
        Instant from = windowOf(Instant.now().minus(Duration.ofMinutes(1)));
        Function<InternalQueries, Uni<LocalCounts>> counts = peer -> peer.counts("PT5S", from, from.plus(WINDOW));
        return asking.ask(new HostInfo(self.getHost(), self.getPort()), counts).await().atMost(TIMEOUT.multipliedBy(2));
    }

    /** The analytics instances' shared key: this instance accepts it, and sends it. */
    public static class SharedPeerKey implements QuarkusTestResourceLifecycleManager {

        private static final String KEY = NewCredentials.key();

        @Override
        public Map<String, String> start() {
            return Map.of("pulse.access.peer-key", KEY);
        }

        @Override
        public void stop() {
        }
    }
}
