package dev.pulse.consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.security.AccessTable;
import dev.pulse.security.Roles;
import io.quarkus.vertx.http.security.HttpSecurity;

/** The consumer's rows of the access table: what it consumed is every page's traffic, for viewers only. */
@ApplicationScoped
class ConsumerAccess implements AccessTable {

    @Override
    public void rules(HttpSecurity http) {
        http.get("/stats", "/events/recent").roles(Roles.VIEWER);
    }
}
