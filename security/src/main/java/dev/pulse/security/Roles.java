package dev.pulse.security;

import java.util.List;
import java.util.Map;

/** The roles of every Pulse service. */
public final class Roles {

    /** Reads: the dashboard, its streams, analytics' and consumer's read endpoints, the generator's settings. */
    public static final String VIEWER = "viewer";
    /** Writes events: {@code POST /events}, {@code GET /publish/...}. */
    public static final String INGEST = "ingest";
    /** Everything a viewer and an ingest key may do, and changing the generator, and metrics. */
    public static final String ADMIN = "admin";
    /** Another analytics instance: analytics' internal endpoints, and nothing else. */
    public static final String PEER = "peer";

    /** An admin holds the viewer's and the ingest key's roles too. */
    static final Map<String, List<String>> IMPLIED = Map.of(ADMIN, List.of(ADMIN, VIEWER, INGEST));

    private Roles() {
    }
}
