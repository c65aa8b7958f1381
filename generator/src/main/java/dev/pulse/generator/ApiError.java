package dev.pulse.generator;

import java.util.List;

import dev.pulse.event.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Pulse's error body: {@code {"error": "...", "violations": [{"index", "field", "reason"}]}}. */
@RegisterForReflection(targets = { ApiError.class, Violation.class })
public record ApiError(String error, List<Violation> violations) {

    static ApiError of(InvalidSettingsException e) {
        return new ApiError("Invalid generator settings: " + e.getMessage(), List.of(e.violation()));
    }
}
