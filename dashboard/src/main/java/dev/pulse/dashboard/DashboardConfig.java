package dev.pulse.dashboard;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's own settings; each can be overridden by environment, e.g. {@code PULSE_DASHBOARD_TICK=2s}. */
@ConfigMapping(prefix = "pulse.dashboard")
public interface DashboardConfig {

    /** How often analytics is polled while at least one browser is connected. */
    @WithDefault("1s")
    Duration tick();

    /**
     * How often the feed of a preset range other than the live view (last hour, today, 7 or 30 days) asks analytics
     * again while at least one browser shows that range; also how often the page asks again for a custom range that
     * includes now. Such ranges move little between two ticks.
     */
    @WithDefault("10s")
    Duration rangeRefresh();

    /** How far back the chart is filled from analytics' history when a page loads. */
    @WithDefault("5m")
    Duration backfill();

    /**
     * How many pages the top-pages table shows (1 to 1000), and the chart draws on their own, the others together as
     * one more line; also how many rows the table of the live view's current window has at most.
     */
    @WithDefault("10")
    int topPages();

    /** Upper bound on how long a {@code Retry-After} from analytics pauses polling. */
    @WithDefault("10s")
    Duration maxRetryAfter();

    /**
     * The key the dashboard sends analytics with every call ({@code Authorization: Bearer}): one with the viewer role,
     * its own, so that no visitor's credentials ever reach analytics. Held as given, since it is sent; never logged.
     * Required while access control is on.
     */
    Optional<String> analyticsKey();
}
