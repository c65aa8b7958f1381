package dev.pulse.generator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.security.AccessTable;
import dev.pulse.security.Roles;
import io.quarkus.vertx.http.security.HttpSecurity;

/** The generator's rows of the access table: a viewer may see its settings, only an admin may change its rate. */
@ApplicationScoped
class GeneratorAccess implements AccessTable {

    @Override
    public void rules(HttpSecurity http) {
        http.get("/generator").roles(Roles.VIEWER);
        http.put("/generator").roles(Roles.ADMIN);
    }
}
