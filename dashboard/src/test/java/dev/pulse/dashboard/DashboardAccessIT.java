package dev.pulse.dashboard;

import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DashboardAccessTest} against the packaged application: the jar, or the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@WithTestResource(FakeAnalytics.class)
@WithTestResource(TestCredentials.class)
class DashboardAccessIT extends DashboardAccessTest {
}
