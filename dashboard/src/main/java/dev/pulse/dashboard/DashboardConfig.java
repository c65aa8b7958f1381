package dev.pulse.dashboard;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard's own settings; each can be overridden by environment, e.g. {@code PULSE_DASHBOARD_TICK=2s}. */
@ConfigMapping(prefix = "pulse.dashboard")
public interface DashboardConfig {

    /** How often analytics is polled while at least one browser is connected. */
    @WithDefault("1s")
    Duration tick();

    /** How far back the chart is filled from analytics' history when a page loads. */
    @WithDefault("5m")
    Duration backfill();

    /** Upper bound on how long a {@code Retry-After} from analytics pauses polling. */
    @WithDefault("10s")
    Duration maxRetryAfter();
}
