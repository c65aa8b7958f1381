package dev.pulse.producer.tracker;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.producer.PulseProducerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Tells bots' beacons by User-Agent ({@code pulse.producer.tracker.bot-user-agents}) and counts them. */
@ApplicationScoped
// Created at startup so that its counter is exported (as 0) before the first beacon.
@Startup
public class BotUserAgents {

    private final List<String> fragments;
    private final Counter bots;

    BotUserAgents(PulseProducerConfig config, MeterRegistry registry) {
        this.fragments = config.tracker().botUserAgents().stream().map(fragment -> fragment.toLowerCase(Locale.ROOT)).toList();
        this.bots = Counter.builder("pulse.producer.tracker.bots")
                .description("Beacons from bots (by User-Agent), answered 202 but not written")
                .register(registry);
    }

    /** Whether {@code userAgent} is a bot's, counting it if so. Browsers always send one: a beacon without is a script's. */
    public boolean countIfBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || matches(userAgent.toLowerCase(Locale.ROOT))) {
            bots.increment();
            return true;
        }
        return false;
    }

    private boolean matches(String lowerCase) {
        for (String fragment : fragments) {
            if (lowerCase.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
