package dev.pulse.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.security.AccessTable;
import dev.pulse.security.Roles;
import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * The dashboard's rows of the access table: the page, its streams, its queries and its scripts for viewers; signing
 * in and out for anyone.
 */
@ApplicationScoped
class DashboardAccess implements AccessTable {

    @Override
    public void rules(HttpSecurity http) {
        http.get(DashboardPage.PATH, EventStreamRoute.PATH, HistoryResource.PATH, RangeResource.PATH, "/dashboard.js",
                "/webjars/*").roles(Roles.VIEWER);
        // The sign-in page and what it needs: its stylesheet (the dashboard's) and its form's post.
        http.get(SignInPage.PATH, "/dashboard.css").permit();
        http.post(SignInPage.FORM_POST, SignOutResource.PATH).permit();
    }
}
