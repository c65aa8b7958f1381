package dev.pulse.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key sent as {@code Authorization: Bearer <key>}: its own request type, so that no token provider takes it. */
public final class KeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    KeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
