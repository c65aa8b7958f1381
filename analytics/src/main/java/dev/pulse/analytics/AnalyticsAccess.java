package dev.pulse.analytics;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.security.AccessTable;
import dev.pulse.security.Roles;
import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * Analytics' rows of the access table: its read endpoints are for viewers, its internal API for the other analytics
 * instances only, by the peer key they share: a viewer's or an admin's credentials do not open it, so that nothing
 * but an instance can ask for another's raw share of a query.
 */
@ApplicationScoped
class AnalyticsAccess implements AccessTable {

    @Override
    public void rules(HttpSecurity http) {
        http.get("/instances", "/counts", "/counts/history", "/pages", "/pages/history").roles(Roles.VIEWER);
        http.path("/internal/*").roles(Roles.PEER);
    }
}
