package dev.pulse.producer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.producer.tracker.BeaconResource;
import dev.pulse.security.AccessTable;
import dev.pulse.security.Roles;
import io.quarkus.vertx.http.security.HttpSecurity;

/** The producer's rows of the access table: the tracker is open to every website visitor, writing takes a key. */
@ApplicationScoped
class ProducerAccess implements AccessTable {

    @Override
    public void rules(HttpSecurity http) {
        http.get("/pulse.js").permit();
        // Origin-checked by the resource; a page's visitors have no credentials to send.
        http.path(BeaconResource.PATH).permit();
        http.post("/events").roles(Roles.INGEST);
        http.get("/publish/*").roles(Roles.INGEST);
    }
}
