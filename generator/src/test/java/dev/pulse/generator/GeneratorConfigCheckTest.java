package dev.pulse.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pulse.event.PageEventRules;

class GeneratorConfigCheckTest {

    record Config(double rate, List<String> pages, List<String> users, Duration maxDuration, boolean paused, String topic)
            implements GeneratorConfig {
    }

    private static final Config WORKSHOP = new Config(1, List.of("P1", "P2"), List.of("U1", "U2"), Duration.ofMillis(9000), false, "page-events");

    private static List<String> problems(Config config) {
        return GeneratorConfigCheck.problems(config, PageEventRules.systemClock());
    }

    @Test
    void theWorkshopDefaultsAreFine() {
        assertEquals(List.of(), problems(WORKSHOP));
        assertEquals(List.of(), problems(new Config(GeneratorConfigCheck.MAX_RATE, List.of("x".repeat(128)), List.of("/a b/é"),
                Duration.ofDays(1), true, "page-events")));
    }

    @Test
    void aPageNameOver128CharactersIsNamedByItsProperty() {
        List<String> problems = problems(new Config(1, List.of("P1", "x".repeat(129)), List.of("U1"), Duration.ofSeconds(9), false, "t"));
        assertEquals(List.of("pulse.generator.pages[1] must be 1 to 128 characters long"), problems);
    }

    @Test
    void userNamesFollowTheRulesToo() {
        List<String> problems = problems(new Config(1, List.of("P1"), List.of("U1", "bad\nuser"), Duration.ofSeconds(9), false, "t"));
        assertEquals(List.of("pulse.generator.users[1] must not contain control characters"), problems);
    }

    @Test
    void rateOutOfRange() {
        for (double rate : new double[] { 0, -1, GeneratorConfigCheck.MAX_RATE + 1, Double.NaN }) {
            List<String> problems = problems(new Config(rate, List.of("P1"), List.of("U1"), Duration.ofSeconds(9), false, "t"));
            assertEquals(1, problems.size(), () -> "rate " + rate);
            assertTrue(problems.get(0).startsWith("pulse.generator.rate must be greater than 0 and at most 10000"), problems.get(0));
        }
    }

    @Test
    void maxDurationBeyondTheRules() {
        for (Duration maxDuration : new Duration[] { Duration.ofMillis(-1), Duration.ofDays(1).plusMillis(1), Duration.ofDays(365_000_000L) }) {
            List<String> problems = problems(new Config(1, List.of("P1"), List.of("U1"), maxDuration, false, "t"));
            assertEquals(1, problems.size(), () -> "max-duration " + maxDuration);
            assertTrue(problems.get(0).startsWith("pulse.generator.max-duration must be between 0 and 86400000 milliseconds"), problems.get(0));
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(3, problems(new Config(0, List.of(""), List.of("x".repeat(200)), Duration.ofSeconds(9), false, "t")).size());
    }
}
