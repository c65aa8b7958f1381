package dev.pulse.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Access control on, with the {@link RunCredentials} of this test JVM: a Quarkus test resource. */
public class TestCredentials extends RunCredentials implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return config();
    }

    @Override
    public void stop() {
    }
}
