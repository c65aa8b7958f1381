package dev.pulse.consumer;

import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * {@link DeadLetterTest} against the packaged application: poison records are dead-lettered by the real
 * artifact too (in a native executable this also proves the deserializer and failure handler are registered).
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(OpenAccess.class)
class DeadLetterIT extends DeadLetterTest {
}
