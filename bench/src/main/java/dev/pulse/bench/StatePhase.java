package dev.pulse.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;

import dev.pulse.analytics.streams.CountingSettings;
import dev.pulse.analytics.streams.MergedStats;
import dev.pulse.analytics.streams.MergedStatsSerde;
import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.PageStatsSerde;
import dev.pulse.analytics.streams.Resolution;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Phase "state": what analytics' window stores hold for a site of 1,000 pages each viewed 10 times a minute by 50
 * visitors, over the default resolutions and retentions (analytics' application.properties). Each page window is
 * built and serialized by analytics' own classes, as its stores keep it; windows are counted only where they hold a
 * view. The projection is the keys and values of one instance holding every page (no standby copies), without
 * RocksDB's own overhead and compression.
 */
final class StatePhase {

    static final int PAGES = 1_000;
    static final int VIEWS_PER_MINUTE = 10;
    static final int VISITORS = 50;
    /** Time on page of the views: uniform from 100 ms to 10 minutes. */
    static final int MAX_TIME_ON_PAGE_MS = 600_000;
    /** A page name of 20 characters, and the window store's key suffix: window start (8 bytes) and sequence number (4). */
    static final int KEY_BYTES = 20 + 8 + 4;
    static final double TARGET_GB = 4;

    private final Bench bench;

    StatePhase(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException {
        Report report = bench.report();
        CountingSettings defaults = defaults(bench.repositoryRoot());
        Random random = new Random(11);
        double totalBytes = 0;
        for (Resolution resolution : defaults.resolutions()) {
            double viewsPerWindow = VIEWS_PER_MINUTE * resolution.window().toMillis() / 60_000.0;
            double windowsKept = (double) resolution.retention().toMillis() / resolution.window().toMillis()
                    * Math.min(1, viewsPerWindow);
            PageStats window = new PageStats();
            for (long view = 0; view < Math.max(1, Math.round(viewsPerWindow)); view++) {
                window.addView("visitor-" + random.nextInt(VISITORS));
                window.addTimeOnPage(100 + random.nextInt(MAX_TIME_ON_PAGE_MS));
            }
            window.visitors();
            // A rollup window also says up to when it holds the finest windows merged into it.
            byte[] value = resolution.equals(defaults.resolutions().get(0)) ? PageStatsSerde.toBytes(window)
                    : new MergedStatsSerde().serializer().serialize(resolution.store(), new MergedStats(window, Instant.EPOCH));
            int bytes = value.length + KEY_BYTES;
            double projected = windowsKept * bytes * PAGES;
            totalBytes += projected;
            String name = resolution.name() + " kept " + resolution.retention();
            report.info("state", name + ": bytes per page window (" + Math.round(Math.max(1, viewsPerWindow)) + " views)",
                    bytes, "B");
            report.info("state", name + ": 1,000 pages", projected / 1e9, "GB");
            report.detail("state", resolution.name() + "-bytesPerWindow", bytes);
            report.detail("state", resolution.name() + "-windowsPerPage", windowsKept);
            System.out.printf("state: %s: %d bytes per page window, %.0f windows per page, %.2f GB for %d pages%n",
                    name, bytes, windowsKept, projected / 1e9, PAGES);
        }
        report.atMost("state", "all resolutions, 1,000 pages, one instance", totalBytes / 1e9, "GB", TARGET_GB);
    }

    /** Analytics' default resolutions, as its application.properties sets them. */
    static CountingSettings defaults(Path repositoryRoot) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                repositoryRoot.resolve("analytics/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return new CountingSettings("page-events", "page-counts", "page-stats", "page-events-dlq",
                Long.parseLong(properties.getProperty("analytics.min-duration")),
                duration(properties, "analytics.window"), duration(properties, "analytics.grace"),
                duration(properties, "analytics.retention"),
                Arrays.stream(properties.getProperty("analytics.rollups", "").split(",")).map(String::trim)
                        .filter(rollup -> !rollup.isEmpty()).toList());
    }

    private static Duration duration(Properties properties, String key) {
        return DurationConverter.parseDuration(properties.getProperty(key));
    }
}
