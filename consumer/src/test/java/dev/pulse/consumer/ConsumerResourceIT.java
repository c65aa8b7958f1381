package dev.pulse.consumer;

import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link ConsumerResourceTest} against the packaged application: the jar in {@code verify}, the native executable
 * when built with {@code -Dnative}. The tests use only HTTP and Kafka, no CDI, so they run
 * unchanged against a separate process; the test resource gives it the broker and injects the companion.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(OpenAccess.class)
class ConsumerResourceIT extends ConsumerResourceTest {
}
