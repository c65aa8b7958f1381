package dev.pulse.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Access control off, explicitly: for the integration tests of what the endpoints do, which run the packaged
 * application in its production profile (the {@code @QuarkusTest}s run open by their {@code %test} profile).
 * The access tests run with {@link TestCredentials} instead.
 */
public class OpenAccess implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("pulse.access.open", "true");
    }

    @Override
    public void stop() {
    }
}
