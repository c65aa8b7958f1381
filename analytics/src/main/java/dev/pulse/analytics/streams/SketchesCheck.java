package dev.pulse.analytics.streams;

import dev.pulse.sketches.DataSketches;

/**
 * Whether the DataSketches release analytics was built with works on the JVM it runs on. Each release runs on some
 * Java versions only (see the README, "Java versions"), and fails only when a sketch is first written or read: checked
 * before Kafka Streams starts, the mismatch stops analytics at once, saying what to do, instead of failing the
 * stream threads on the first event.
 */
final class SketchesCheck {

    private SketchesCheck() {
    }

    static void requireUsable() {
        requireUsable(() -> {
            PageStats stats = PageStatsSerde.fromBytes(PageStatsSerde.toBytes(new PageStats()));
            stats.addView("check");
            stats.addTimeOnPage(1);
            PageStatsSerde.fromBytes(PageStatsSerde.toBytes(stats)).visitors();
        });
    }

    static void requireUsable(Runnable sketchRoundTrip) {
        try {
            sketchRoundTrip.run();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("Analytics cannot write or read its sketches on Java "
                    + Runtime.version() + ": it was built with " + DataSketches.RELEASE + ". Build analytics with "
                    + "the JDK that runs it (make run does; or ./mvnw package -pl analytics -am with that JDK)", e);
        }
    }
}
