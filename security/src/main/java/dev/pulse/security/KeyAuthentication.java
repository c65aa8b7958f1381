package dev.pulse.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a key from {@code Authorization: Bearer <key>}; a request without one is anonymous here. Asked first, it also
 * answers a caller without credentials where some are needed: {@code 401} with the error body, naming both schemes.
 */
@ApplicationScoped
public class KeyAuthentication implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identities) {
        String authorization = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() > BEARER.length() && authorization.charAt(BEARER.length()) != ' ') {
            return Uni.createFrom().nullItem();
        }
        String key = authorization.substring(BEARER.length()).trim();
        if (key.isEmpty()) {
            return Uni.createFrom().failure(CredentialsRejected.because("No key after Bearer"));
        }
        return identities.authenticate(new KeyAuthenticationRequest(key));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext request) {
        AccessErrors.unauthorized(request.response(), AccessErrors.CREDENTIALS_REQUIRED);
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext request) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    /** Before Quarkus' own mechanisms, so that its challenge is the one sent. */
    @Override
    public int getPriority() {
        return HttpAuthenticationMechanism.DEFAULT_PRIORITY + 100;
    }
}
