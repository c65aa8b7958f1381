package dev.pulse.analytics.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.streams.kstream.Windowed;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page's count in one window: the value written to {@code page-counts}. */
@RegisterForReflection
record PageCount(String name, Instant windowStart, Instant windowEnd, long count) {

    static PageCount of(Windowed<byte[]> window, long count) {
        return new PageCount(new String(window.key(), StandardCharsets.UTF_8), window.window().startTime(),
                window.window().endTime(), count);
    }
}
