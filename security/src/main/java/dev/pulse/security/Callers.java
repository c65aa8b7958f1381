package dev.pulse.security;

import io.quarkus.security.identity.SecurityIdentity;

/** How metrics and logs name a caller: by its user or key name, never by what it authenticated with. */
public final class Callers {

    public static final String ANONYMOUS = "anonymous";

    private Callers() {
    }

    public static String name(SecurityIdentity identity) {
        return identity.isAnonymous() ? ANONYMOUS : identity.getPrincipal().getName();
    }
}
