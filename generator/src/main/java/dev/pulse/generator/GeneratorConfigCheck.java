package dev.pulse.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import dev.pulse.event.PageEvent;
import dev.pulse.event.PageEventRules;
import dev.pulse.event.Violation;

/**
 * Checks the start-up configuration against the same {@link PageEventRules} every consumer applies, so that a
 * misconfigured generator refuses to start instead of writing events that would all end in the dead-letter topic.
 */
final class GeneratorConfigCheck {

    static final double MAX_RATE = 10_000;

    private GeneratorConfigCheck() {
    }

    /** Why {@code rate} is not acceptable, if it is not. */
    static Optional<String> rateProblem(double rate) {
        return rate > 0 && rate <= MAX_RATE
                ? Optional.empty()
                : Optional.of("must be greater than 0 and at most " + (long) MAX_RATE + " events per second");
    }

    /** One sentence per setting at fault, each naming the property; empty when the configuration is usable. */
    static List<String> problems(GeneratorConfig config, PageEventRules rules) {
        List<String> problems = new ArrayList<>();
        rateProblem(config.rate()).ifPresent(reason -> problems.add("pulse.generator.rate " + reason + " (got " + config.rate() + ")"));
        Instant now = Instant.now();
        checkEach(config.pages(), "pulse.generator.pages", "name",
                i -> new PageEvent(config.pages().get(i), "user", now, 0L), rules, problems);
        checkEach(config.users(), "pulse.generator.users", "user",
                i -> new PageEvent("page", config.users().get(i), now, 0L), rules, problems);
        Duration maxDuration = config.maxDuration();
        long maxDurationMillis = maxDuration.compareTo(Duration.ofMillis(PageEventRules.MAX_DURATION_MS)) > 0
                ? PageEventRules.MAX_DURATION_MS + 1
                : maxDuration.toMillis();
        rules.check(new PageEvent("page", "user", now, maxDurationMillis), 0).stream()
                .filter(violation -> "duration".equals(violation.field()))
                .forEach(violation -> problems.add("pulse.generator.max-duration " + violation.reason() + " (got " + maxDuration + ")"));
        return problems;
    }

    private static void checkEach(List<String> values, String property, String field, IntFunction<PageEvent> eventWith,
            PageEventRules rules, List<String> problems) {
        for (int i = 0; i < values.size(); i++) {
            for (Violation violation : rules.check(eventWith.apply(i), i)) {
                if (field.equals(violation.field())) {
                    problems.add(property + "[" + i + "] " + violation.reason());
                }
            }
        }
    }
}
