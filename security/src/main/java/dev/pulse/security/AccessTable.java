package dev.pulse.security;

import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * A service's own rows of the access table: which of its paths are open, or need which role. {@link AccessRules} adds
 * what every service shares around them.
 */
public interface AccessTable {

    void rules(HttpSecurity http);
}
