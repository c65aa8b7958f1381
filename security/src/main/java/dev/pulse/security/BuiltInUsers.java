package dev.pulse.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The built-in users of {@link AccessConfig#users()}, for whatever sends a user name and password (HTTP Basic, the
 * dashboard's sign-in form). A password is checked against its bcrypt hash on a worker thread.
 * <p>
 * After {@value #FREE_FAILURES} failed attempts in a row, a user's next attempts are refused unchecked for a while
 * that doubles with each further failure, from 1 s up to {@link #MAX_LOCK}: guessing passwords becomes slow, and the
 * user waits at most that long once the right password is typed. A user name that does not exist costs a bcrypt check
 * too, so that the time of an answer does not tell which names exist.
 */
@ApplicationScoped
public class BuiltInUsers implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(BuiltInUsers.class);
    /** A hash of a password nobody has, checked for unknown users. */
    private static final String NOBODY = BcryptUtil.bcryptHash("nobody has this password");

    private final Map<String, AccessConfig.User> users;
    private final LongSupplier nanoClock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    BuiltInUsers(AccessConfig config) {
        this(config.users(), System::nanoTime);
    }

    BuiltInUsers(Map<String, AccessConfig.User> users, LongSupplier nanoClock) {
        this.users = Map.copyOf(users);
        this.nanoClock = nanoClock;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String name = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> check(name, password));
    }

    SecurityIdentity check(String name, String password) {
        AccessConfig.User user = users.get(name);
        if (user == null) {
            BcryptUtil.matches(password, NOBODY);
            throw CredentialsRejected.because("Wrong user name or password");
        }
        Failures record = failures.get(name);
        long now = nanoClock.getAsLong();
        if (record != null && record.lockedUntil - now > 0) {
            throw CredentialsRejected.because("Too many failed attempts for this user: try again in "
                    + (Duration.ofNanos(record.lockedUntil - now).toSeconds() + 1) + " s");
        }
        if (!BcryptUtil.matches(password, user.passwordHash())) {
            Failures updated = failures.merge(name, Failures.first(now), (before, first) -> before.next(now));
            if (updated.count > FREE_FAILURES) {
                LOG.warnf("Sign-in of user %s refused for a while after %d failed attempts", name, updated.count);
            }
            throw CredentialsRejected.because("Wrong user name or password");
        }
        failures.remove(name);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(user.roles())
                .build();
    }

    /** Failed attempts in a row, and until when the next are refused unchecked. */
    private record Failures(int count, long lockedUntil) {

        static Failures first(long now) {
            return new Failures(1, now);
        }

        Failures next(long now) {
            int failed = count + 1;
            if (failed <= FREE_FAILURES) {
                return new Failures(failed, now);
            }
            int doublings = Math.min(failed - FREE_FAILURES - 1, 30);
            return new Failures(failed, now + Math.min(Duration.ofSeconds(1).toNanos() << doublings, MAX_LOCK.toNanos()));
        }
    }
}
