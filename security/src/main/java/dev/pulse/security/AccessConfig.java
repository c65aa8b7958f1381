package dev.pulse.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call a service. Credentials are stored only as digests: a user's password as a bcrypt hash, a key as the
 * SHA-256 of the key (keys are 256 random bits, which no dictionary holds, so a fast digest is as safe for them as
 * bcrypt is for passwords, and checking one costs microseconds).
 */
@ConfigMapping(prefix = "pulse.access")
public interface AccessConfig {

    /**
     * Every endpoint open to anyone, as before access control existed: for the tests and {@code make dev-*} only,
     * by their profiles.
     */
    @WithDefault("false")
    boolean open();

    /** Built-in users by name, for HTTP Basic (and the dashboard's sign-in page). */
    Map<String, User> users();

    /** Keys by name, sent as {@code Authorization: Bearer <key>}; removing a key's entry revokes it alone. */
    Map<String, Key> keys();

    /**
     * The secret the analytics instances of one deployment share, as they send it to each other: accepted as the
     * key named {@value Keys#PEER} with the role {@value Roles#PEER}. Held as given, since it is also sent.
     */
    Optional<String> peerKey();

    interface User {
        /** A bcrypt hash, as {@code make credentials} writes it ({@code $2a$...}). */
        String passwordHash();

        Set<String> roles();
    }

    interface Key {
        /** The SHA-256 of the key's UTF-8 bytes, in hexadecimal. */
        String sha256();

        Set<String> roles();
    }
}
