package dev.pulse.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.pulse.security.NewCredentials;

/**
 * Credentials made when the test JVM starts (none is ever written down): a user of each role, two ingest keys, a
 * viewer's key, a peer key, and a key that was never configured or was revoked; and the configuration that turns
 * access on with them, where a service sees only their hashes, as a deployment does. Plain Java, for the suites that
 * start the packaged services themselves; {@link TestCredentials} is the same as a Quarkus test resource.
 */
public class RunCredentials {

    public static final String ADMIN = "test-admin";
    public static final String VIEWER = "test-viewer";
    /** A user with no role at all: authenticated, allowed nothing. */
    public static final String NOBODY = "test-nobody";
    public static final String INGEST_KEY_NAME = "test-site";
    public static final String OTHER_INGEST_KEY_NAME = "other-site";
    public static final String VIEWER_KEY_NAME = "test-service";
    public static final String PEER_KEY_NAME = "test-peer";

    private static final Map<String, String> PASSWORDS = Map.of(
            ADMIN, NewCredentials.password(), VIEWER, NewCredentials.password(), NOBODY, NewCredentials.password());
    private static final Map<String, String> KEYS = Map.of(
            INGEST_KEY_NAME, NewCredentials.key(), OTHER_INGEST_KEY_NAME, NewCredentials.key(),
            VIEWER_KEY_NAME, NewCredentials.key(), PEER_KEY_NAME, NewCredentials.key());
    private static final String REVOKED_KEY = NewCredentials.key();

    public static String password(String user) {
        return PASSWORDS.get(user);
    }

    public static String key(String name) {
        return KEYS.get(name);
    }

    /** A key in the form of Pulse's keys that the application does not know (never configured, or removed). */
    public static String revokedKey() {
        return REVOKED_KEY;
    }

    /** Every password and key made here, revoked key included: what no log may ever show. */
    public static List<String> secrets() {
        List<String> secrets = new ArrayList<>(PASSWORDS.values());
        secrets.addAll(KEYS.values());
        secrets.add(REVOKED_KEY);
        return secrets;
    }

    /** The configuration of access for these credentials. */
    public static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("pulse.access.open", "false");
        user(config, ADMIN, "admin");
        user(config, VIEWER, "viewer");
        // An empty list is no value at all to the configuration: a role nothing asks for instead.
        user(config, NOBODY, "none");
        key(config, INGEST_KEY_NAME, "ingest");
        key(config, OTHER_INGEST_KEY_NAME, "ingest");
        key(config, VIEWER_KEY_NAME, "viewer");
        key(config, PEER_KEY_NAME, "peer");
        return config;
    }

    private static void user(Map<String, String> config, String name, String roles) {
        config.put("pulse.access.users." + name + ".password-hash", NewCredentials.passwordHash(PASSWORDS.get(name)));
        config.put("pulse.access.users." + name + ".roles", roles);
    }

    private static void key(Map<String, String> config, String name, String roles) {
        config.put("pulse.access.keys." + name + ".sha256", NewCredentials.keyDigest(KEYS.get(name)));
        config.put("pulse.access.keys." + name + ".roles", roles);
    }

    protected RunCredentials() {
    }
}
