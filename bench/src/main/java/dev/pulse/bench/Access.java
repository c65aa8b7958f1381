package dev.pulse.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import dev.pulse.security.NewCredentials;
import dev.pulse.testing.RunCredentials;

/**
 * The bench runs Pulse secured, as a deployment does: each service's access configuration, and the credential each of
 * the bench's requests carries (the value of its {@code Authorization} header). The credentials are those of
 * {@link RunCredentials} (the plain-Java side of the tests' {@code TestCredentials}, whose Quarkus test interface is not
 * on the bench's class path), made when the bench starts and never written down; the services see only their hashes.
 */
final class Access {

    static final String AUTHORIZATION = "Authorization";

    /** For {@code POST /events}: the ingest key a website's back end would hold. */
    static final String INGEST_KEY = bearer(RunCredentials.key(RunCredentials.INGEST_KEY_NAME));
    /** For reads of analytics and the dashboard: a viewer's key, checked as cheaply as the ingest key. */
    static final String VIEWER_KEY = bearer(RunCredentials.key(RunCredentials.VIEWER_KEY_NAME));
    /**
     * For {@code /q/metrics}: the admin user, as a metrics scraper signs in. Each use costs the service a bcrypt check
     * (50-100 ms by design), so it is for the odd request, never for load.
     */
    static final String ADMIN_USER = "Basic " + Base64.getEncoder().encodeToString(
            (RunCredentials.ADMIN + ":" + RunCredentials.password(RunCredentials.ADMIN)).getBytes(StandardCharsets.UTF_8));

    /** What turns access control off, for a service to compare with. */
    static final Map<String, String> OPEN = Map.of("pulse.access.open", "true");

    /**
     * Made once: hashing the users' passwords takes bcrypt's time, which must not count in a service's start-up, and a
     * deployment gives every service the same users and keys.
     */
    private static final Map<String, String> CREDENTIALS = RunCredentials.config();
    /** The secret every analytics instance of this run shares with the others. */
    private static final String PEER_KEY = NewCredentials.key();
    /** What the dashboard encrypts its sign-in sessions with, as a deployment gives it. */
    private static final String SESSION_KEY = NewCredentials.key();

    private Access() {
    }

    /** The access configuration of {@code module}: the users and keys, and the secrets of its own it holds. */
    static Map<String, String> config(String module) {
        Map<String, String> config = new HashMap<>(CREDENTIALS);
        switch (module) {
            case "analytics" -> config.put("pulse.access.peer-key", PEER_KEY);
            case "dashboard" -> {
                config.put("pulse.dashboard.analytics-key", RunCredentials.key(RunCredentials.VIEWER_KEY_NAME));
                config.put("quarkus.http.auth.session.encryption-key", SESSION_KEY);
            }
            default -> {
            }
        }
        return config;
    }

    private static String bearer(String key) {
        return "Bearer " + key;
    }
}
