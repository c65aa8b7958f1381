package dev.pulse.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** The name of the analytics instances' shared key ({@link AccessConfig#peerKey()}). */
    public static final String PEER = "peer";

    /** Each key's identity, by the key's SHA-256. */
    private final Map<String, SecurityIdentity> byDigest;

    @Inject
    Keys(AccessConfig config) {
        this(config.keys(), config.peerKey());
    }

    Keys(Map<String, AccessConfig.Key> keys, Optional<String> peerKey) {
        Map<String, SecurityIdentity> byDigest = new HashMap<>();
        keys.forEach((name, key) -> byDigest.put(key.sha256().toLowerCase(Locale.ROOT), identity(name, key.roles())));
        peerKey.ifPresent(key -> byDigest.put(KeyDigest.sha256(key), identity(PEER, Set.of(Roles.PEER))));
        this.byDigest = Map.copyOf(byDigest);
    }

    private static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
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
