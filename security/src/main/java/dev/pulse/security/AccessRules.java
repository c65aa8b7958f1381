package dev.pulse.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * The access table of a service: the rows every service shares, with the service's own ({@link AccessTable}) in
 * between. Its health is open (orchestrators probe it), its API description is for viewers, its metrics for admins,
 * and any path no row names is for admins only, so that a new endpoint is closed until a row opens it.
 * Users authenticate with HTTP Basic, keys as bearer tokens ({@link KeyAuthentication}); an admin has the viewer's
 * and the ingest key's roles too.
 */
@ApplicationScoped
public class AccessRules {

    private static final Logger LOG = Logger.getLogger(AccessRules.class);

    void configure(@Observes HttpSecurity http, AccessConfig config, Instance<AccessTable> tables) {
        if (config.open()) {
            LOG.warn("Access control is off (pulse.access.open): every endpoint answers anyone");
            http.path("/*").permit();
            return;
        }
        if (config.users().isEmpty() && config.keys().isEmpty() && config.peerKey().isEmpty()) {
            throw new IllegalStateException("No credentials configured, so nobody could use this service: set users "
                    + "(pulse.access.users.<name>.password-hash and .roles) or keys (pulse.access.keys.<name>.sha256 "
                    + "and .roles), see the README's Access section; pulse.access.open=true turns access control off");
        }
        http.basic();
        http.rolesMapping(Roles.IMPLIED);
        http.path("/*").roles(Roles.ADMIN);
        http.get("/q/health", "/q/health/*").permit();
        http.get("/q/metrics", "/q/metrics/*").roles(Roles.ADMIN);
        http.get("/q/openapi", "/q/openapi/*", "/q/swagger-ui", "/q/swagger-ui/*").roles(Roles.VIEWER);
        tables.forEach(table -> table.rules(http));
    }
}
