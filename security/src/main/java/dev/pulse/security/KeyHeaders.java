package dev.pulse.security;

import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The headers of a call a service makes with a key of its own: {@code Authorization: Bearer <key>} when it has one,
 * and nothing of the request it is answering (MicroProfile's default factory would pass on the headers configured to
 * propagate), so that a caller's credentials never travel on.
 */
public final class KeyHeaders implements ClientHeadersFactory {

    private final Optional<String> authorization;

    public KeyHeaders(Optional<String> key) {
        this.authorization = key.map(value -> "Bearer " + value);
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        authorization.ifPresent(value -> headers.putSingle(HttpHeaders.AUTHORIZATION, value));
        return headers;
    }
}
