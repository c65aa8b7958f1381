package dev.pulse.generator;

import dev.pulse.testing.KafkaBrokerTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GeneratorKafkaTest} against the packaged application: the jar, or the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerTestResource.class)
class GeneratorKafkaIT extends GeneratorKafkaTest {
}
