package dev.pulse.reliability;

import java.time.Duration;

/**
 * How much the suite does. {@code make test} runs the reduced form (a few seconds of load around one fault of
 * each kind, the curated hostile inputs, a hundred vanishing browsers), bounded to a few minutes on two cores;
 * {@code make test-reliability} ({@code -Dreliability.full=true}) the full one: longer load, each fault repeated,
 * generated hostile inputs on top of the curated ones, more and longer-stuck browsers.
 *
 * @param loadBetweenFaults how long events flow before, between and after the faults of a scenario
 * @param faultsPerScenario how many times each scenario injects its fault
 * @param brokerOutage      how long the broker stays down when it is stopped
 * @param loadWorkers       concurrent clients POSTing batches
 * @param batchesPerSecond  per worker
 * @param eventsPerBatch    events in each POSTed JSON array
 * @param generatedHostileInputs hostile bodies generated from a valid one, beyond the curated cases
 * @param vanishingClients  SSE clients that connect and disappear without a goodbye
 * @param stuckClients      SSE clients that never read
 * @param stuckTicks        ticks the stuck clients stay stuck while the dashboard's memory is watched
 * @param beaconFlood       tiny beacons sent in a flood to the tracker's endpoint (foreign origins, bots, garbage)
 */
record Sizing(boolean full, Duration loadBetweenFaults, int faultsPerScenario, Duration brokerOutage, int loadWorkers,
        int batchesPerSecond, int eventsPerBatch, int generatedHostileInputs, int vanishingClients, int stuckClients,
        int stuckTicks, int beaconFlood) {

    static final Sizing CURRENT = Boolean.getBoolean("reliability.full")
            ? new Sizing(true, Duration.ofSeconds(15), 3, Duration.ofSeconds(8), 2, 15, 20, 300, 1000, 40, 60, 5000)
            : new Sizing(false, Duration.ofSeconds(3), 1, Duration.ofSeconds(3), 2, 10, 10, 0, 100, 12, 24, 600);

    String name() {
        return full ? "full" : "reduced";
    }
}
