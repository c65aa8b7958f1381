package dev.pulse.producer;

import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.OpenAccess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EventsResourceTest} against the packaged application: the jar, or the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(OpenAccess.class)
class EventsResourceIT extends EventsResourceTest {
}
