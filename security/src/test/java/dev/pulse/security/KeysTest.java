package dev.pulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

class KeysTest {

    private static final String SITE_A = NewCredentials.key();
    private static final String SITE_B = NewCredentials.key();
    private static final String PEER = NewCredentials.key();

    @Test
    void aKeyIsKnownByItsDigestAndNamedByItsName() {
        Keys keys = new Keys(Map.of("site-a", key(SITE_A, "ingest"), "site-b", key(SITE_B, "ingest")), Optional.of(PEER));

        assertEquals("site-a", identity(keys, SITE_A).getPrincipal().getName());
        assertEquals(Set.of("ingest"), identity(keys, SITE_A).getRoles());
        assertEquals("site-b", identity(keys, SITE_B).getPrincipal().getName());
        assertEquals(Set.of("peer"), identity(keys, PEER).getRoles());
    }

    @Test
    void removingAKeyRevokesItAlone() {
        Keys keys = new Keys(Map.of("site-b", key(SITE_B, "ingest")), Optional.empty());

        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class, () -> identity(keys, SITE_A));
        assertEquals("Unknown or revoked key", CredentialsRejected.reasonIn(refused));
        assertEquals("site-b", identity(keys, SITE_B).getPrincipal().getName());
    }

    @Test
    void theDigestMayBeWrittenInUpperCase() {
        Keys keys = new Keys(Map.of("site-a", new TestKey(KeyDigest.sha256(SITE_A).toUpperCase(), Set.of("ingest"))), Optional.empty());

        assertEquals("site-a", identity(keys, SITE_A).getPrincipal().getName());
    }

    private static SecurityIdentity identity(Keys keys, String key) {
        return keys.authenticate(new KeyAuthenticationRequest(key), null).await().indefinitely();
    }

    private static AccessConfig.Key key(String key, String role) {
        return new TestKey(KeyDigest.sha256(key), Set.of(role));
    }

    private record TestKey(String sha256, Set<String> roles) implements AccessConfig.Key {
    }
}
