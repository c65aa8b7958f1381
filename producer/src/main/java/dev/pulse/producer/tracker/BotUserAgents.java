package dev.pulse.producer.tracker;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pulse.producer.PulseProducerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Tells bots' beacons by User-Agent ({@code pulse.producer.tracker.bot-user-agents}) and counts them. Entries match
 * whole words, never parts of one: {@code bot} is the word in {@code +http://www.google.com/bot.html}, not the end of
 * the phone model {@code CUBOT_X30}. A word is a run of letters and digits; an entry of several words
 * ({@code python-requests}) matches them in a row, whatever separates them.
 */
@ApplicationScoped
// Created at startup so that its counter is exported (as 0) before the first beacon.
@Startup
public class BotUserAgents {

    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{IsAlphabetic}\\p{IsDigit}]+");

    private final List<String> entries;
    private final Counter bots;

    BotUserAgents(PulseProducerConfig config, MeterRegistry registry) {
        this.entries = config.tracker().botUserAgents().stream().map(BotUserAgents::words).toList();
        this.bots = Counter.builder("pulse.producer.tracker.bots")
                .description("Beacons from bots (by User-Agent), answered 202 but not written")
                .register(registry);
    }

    /** Whether {@code userAgent} is a bot's, counting it if so. Browsers always send one: a beacon without is a script's. */
    public boolean countIfBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || matches(words(userAgent))) {
            bots.increment();
            return true;
        }
        return false;
    }

    private boolean matches(String words) {
        for (String entry : entries) {
            if (words.contains(entry)) {
                return true;
            }
        }
        return false;
    }

    /** The text's words in lower case, each between single spaces, so that a search for " bot " finds a whole word. */
    private static String words(String text) {
        return " " + BETWEEN_WORDS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip() + " ";
    }
}
