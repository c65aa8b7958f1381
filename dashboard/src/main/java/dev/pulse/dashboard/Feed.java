package dev.pulse.dashboard;

import io.smallrye.mutiny.Multi;

/** A stream of ticks that every browser watching one view of the dashboard shares. */
interface Feed {

    /** A stream for one browser. */
    Multi<FeedTick> subscribe();

    int connectedClients();
}
