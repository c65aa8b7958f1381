package dev.pulse.generator;

import dev.pulse.event.Violation;

/** A {@code PUT /generator} body that cannot be applied; nothing was changed. */
public class InvalidSettingsException extends Exception {

    private final transient Violation violation;

    public InvalidSettingsException(String field, String reason) {
        super((field == null ? "body" : field) + " " + reason, null, false, false);
        this.violation = new Violation(-1, field, reason);
    }

    public Violation violation() {
        return violation;
    }
}
