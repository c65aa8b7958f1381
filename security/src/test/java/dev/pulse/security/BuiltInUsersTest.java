package dev.pulse.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

class BuiltInUsersTest {

    private static final String PASSWORD = NewCredentials.password();
    private static final AccessConfig.User ALICE = user(NewCredentials.passwordHash(PASSWORD), Set.of("viewer"));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BuiltInUsers users = new BuiltInUsers(Map.of("alice", ALICE), now::get);

    @Test
    void theRightPasswordGivesTheUsersRoles() {
        SecurityIdentity alice = users.check("alice", PASSWORD);

        assertEquals("alice", alice.getPrincipal().getName());
        assertEquals(Set.of("viewer"), alice.getRoles());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        assertEquals("Wrong user name or password", reason(() -> users.check("alice", "not-" + PASSWORD)));
        assertEquals("Wrong user name or password", reason(() -> users.check("bob", PASSWORD)));
    }

    @Test
    void repeatedFailuresLockTheUserForLongerEachTimeUpToTheMaximum() {
        for (int i = 0; i < BuiltInUsers.FREE_FAILURES; i++) {
            reason(() -> users.check("alice", "wrong"));
        }
        // The free failures lock nothing: the right password still works... after one more failure, it does not.
        reason(() -> users.check("alice", "wrong"));
        assertTrue(reason(() -> users.check("alice", PASSWORD)).startsWith("Too many failed attempts"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        reason(() -> users.check("alice", "wrong"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(reason(() -> users.check("alice", PASSWORD)).startsWith("Too many failed attempts"),
                "the second lock lasts 2 s");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals("alice", users.check("alice", PASSWORD).getPrincipal().getName());

        // A success forgets the failures.
        reason(() -> users.check("alice", "wrong"));
        assertEquals("alice", users.check("alice", PASSWORD).getPrincipal().getName());
    }

    @Test
    void aLockNeverLastsLongerThanTheMaximum() {
        for (int i = 0; i < 60; i++) {
            reason(() -> users.check("alice", "wrong"));
            now.addAndGet(BuiltInUsers.MAX_LOCK.toNanos());
        }
        assertEquals("alice", users.check("alice", PASSWORD).getPrincipal().getName());
    }

    private static String reason(org.junit.jupiter.api.function.Executable check) {
        return CredentialsRejected.reasonIn(assertThrows(AuthenticationFailedException.class, check));
    }

    static AccessConfig.User user(String hash, Set<String> roles) {
        return new AccessConfig.User() {
            @Override
            public String passwordHash() {
                return hash;
            }

            @Override
            public Set<String> roles() {
                return roles;
            }
        };
    }
}
