package dev.pulse.event;

import java.util.List;

/** An event that could not be read or breaks {@link PageEventRules}; carries every reason. */
public class InvalidPageEventException extends Exception {

    private final transient List<Violation> violations;

    public InvalidPageEventException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("invalid event"),
                null, false, false);
        this.violations = List.copyOf(violations);
    }

    public InvalidPageEventException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
