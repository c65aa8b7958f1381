package dev.pulse.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Jackson writes each feed event by its runtime class, which a native build cannot infer from the stream's
 * element type: a variant without its own registration fails only in the native image (AnalyticsOutageIT
 * shows it there). This keeps a new variant from being added without one.
 */
class FeedEventTest {

    @Test
    void everyVariantIsRegisteredForReflection() {
        List<Class<?>> variants = List.of(FeedEvent.class.getPermittedSubclasses());
        assertEquals(List.of(LiveStats.class, RangeStats.class, AnalyticsStatus.class), variants);
        for (Class<?> variant : variants) {
            assertTrue(variant.isAnnotationPresent(RegisterForReflection.class),
                    variant.getSimpleName() + " lacks @RegisterForReflection");
        }
    }
}
