package dev.pulse.dashboard;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.security.AccessConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The signed-in user a session cookie names ({@link SignInForm}), with the roles the configuration gives that user:
 * the cookie holds only the name, so that a session from before a restart gets the roles configured since, and
 * a user removed from the configuration is signed out.
 */
@ApplicationScoped
class SessionUsers implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Map<String, AccessConfig.User> users;

    SessionUsers(AccessConfig config) {
        this.users = Map.copyOf(config.users());
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        AccessConfig.User user = users.get(request.getPrincipal());
        if (user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The session's user is no longer configured"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
                .addRoles(user.roles())
                .build());
    }
}
