package dev.pulse.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules an event must follow, wherever it comes from: the REST API, the generator, or a Kafka record
 * written by any client. Plain Java rather than Bean Validation so that Kafka (de)serializers and the
 * Kafka Streams topology, which live outside CDI, apply exactly the same rules without reflection.
 */
public final class PageEventRules {

    public static final int MAX_TEXT_LENGTH = 128;
    public static final long MAX_DURATION_MS = 86_400_000L;
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public PageEventRules(Clock clock) {
        this.clock = clock;
    }

    public static PageEventRules systemClock() {
        return new PageEventRules(Clock.systemUTC());
    }

    /** Every rule the event breaks, each with {@code index}; empty when the event is valid. */
    public List<Violation> check(PageEvent event, int index) {
        List<Violation> violations = new ArrayList<>(0);
        checkText("name", event.name(), index, violations);
        checkText("user", event.user(), index, violations);
        if (event.date() != null && event.date().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            violations.add(new Violation(index, "date", "must not be more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes in the future"));
        } else if (event.date() != null && event.date().isBefore(Instant.EPOCH)) {
            // The date is the record timestamp: Kafka refuses a negative one, which the producer would otherwise
            // report as Kafka being unavailable (503) instead of a client error.
            violations.add(new Violation(index, "date",
                    "must not be before 1970-01-01T00:00:00Z (Kafka record timestamps cannot be negative)"));
        }
        if (event.duration() == null) {
            violations.add(new Violation(index, "duration", "is required"));
        } else if (event.duration() < 0 || event.duration() > MAX_DURATION_MS) {
            violations.add(new Violation(index, "duration", "must be between 0 and " + MAX_DURATION_MS
                    + " milliseconds"));
        }
        if (event.kind() != null && !PageEvent.VIEW.equals(event.kind()) && !PageEvent.LEAVE.equals(event.kind())) {
            violations.add(new Violation(index, "kind", "must be \"" + PageEvent.VIEW + "\" or \"" + PageEvent.LEAVE
                    + "\" (or absent, for a view of known duration)"));
        } else if (PageEvent.VIEW.equals(event.kind()) && event.duration() != null && event.duration() != 0) {
            // Its time on page comes later, with its leave: a view carrying one would be counted twice by clients
            // that count every event longer than a threshold, as the workshop's app does.
            violations.add(new Violation(index, "duration", "must be 0 for a view (its time on page comes with its leave)"));
        }
        if (event.view() != null) {
            checkText("view", event.view(), index, violations);
        }
        return violations;
    }

    private static void checkText(String field, String value, int index, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(index, field, "is required"));
        } else if (value.isEmpty() || value.length() > MAX_TEXT_LENGTH) {
            violations.add(new Violation(index, field, "must be 1 to " + MAX_TEXT_LENGTH + " characters long"));
        } else {
            String fault = characterFault(value);
            if (fault != null) {
                violations.add(new Violation(index, field, fault));
            }
        }
    }

    /**
     * What is wrong with the characters of {@code value}, control characters first, or null. One loop rather than
     * streams or one per rule: every event of every service passes here, up to hundreds of thousands a second.
     */
    private static String characterFault(String value) {
        boolean unpairedSurrogate = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                unpairedSurrogate = true;
            }
        }
        // JSON can spell one (the escape \\uD800 alone), but it is no character: encoded as UTF-8 for the record key
        // it becomes "?", so the key would no longer be the name.
        return unpairedSurrogate ? "must be valid Unicode (an unpaired surrogate is not a character)" : null;
    }
}
