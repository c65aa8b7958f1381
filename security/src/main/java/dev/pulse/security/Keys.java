package dev.pulse.security;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The keys of {@link AccessConfig#keys()}: a key sent is known by its SHA-256, and its identity is the key's name
 * (what metrics and logs may show), never the key.
 */
@ApplicationScoped
public class Keys implements IdentityProvider<KeyAuthenticationRequest> {

    /** Each key's identity, by the key's SHA-256. */
    private final Map<String, SecurityIdentity> byDigest;

    @Inject
    Keys(AccessConfig config) {
        this(config.keys());
    }

    Keys(Map<String, AccessConfig.Key> keys) {
        this.byDigest = keys.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                key -> key.getValue().sha256().toLowerCase(Locale.ROOT),
                key -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(key.getKey()))
                        .addRoles(key.getValue().roles())
                        .build()));
    }

    @Override
    public Class<KeyAuthenticationRequest> getRequestType() {
        return KeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(KeyAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityIdentity identity = byDigest.get(KeyDigest.sha256(request.key()));
        return identity == null
                ? Uni.createFrom().failure(CredentialsRejected.because("Unknown or revoked key"))
                : Uni.createFrom().item(identity);
    }
}
