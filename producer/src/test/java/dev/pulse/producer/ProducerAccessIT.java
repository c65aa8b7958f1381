package dev.pulse.producer;

import java.util.Map;

import dev.pulse.producer.tracker.BeaconResourceTest;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProducerAccessTest} against the packaged application: the jar, or the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
@WithTestResource(ProducerAccessIT.TrackedSite.class)
class ProducerAccessIT extends ProducerAccessTest {

    /** The packaged application runs its production profile, which allows no site's beacons until told. */
    public static class TrackedSite implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of("pulse.producer.tracker.allowed-origins", BeaconResourceTest.SITE);
        }

        @Override
        public void stop() {
        }
    }
}
