package dev.pulse.analytics.streams;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.pulse.sketches.DataSketches;

class SketchesCheckTest {

    @Test
    void theSketchesOfThisBuildWorkOnTheJvmThatBuiltIt() {
        SketchesCheck.requireUsable();
    }

    @Test
    void aReleaseThatRefusesThisJvmStopsAnalyticsNamingTheReleaseTheJavaAndTheRemedy() {
        // What DataSketches 6 throws on Java 25 when it first writes a sketch.
        ExceptionInInitializerError refusal = new ExceptionInInitializerError(
                new IllegalArgumentException("Unsupported JDK Major Version. It must be one of 1.8, 8, 11, 17, 21: 25"));

        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> SketchesCheck.requireUsable(() -> {
                    throw refusal;
                }));

        assertThat(stop.getMessage(), containsString("on Java " + Runtime.version()));
        assertThat(stop.getMessage(), containsString(DataSketches.RELEASE));
        assertThat(stop.getMessage(), containsString("Build analytics with the JDK that runs it"));
        assertSame(refusal, stop.getCause());
    }
}
