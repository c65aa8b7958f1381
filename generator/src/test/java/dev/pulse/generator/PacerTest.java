package dev.pulse.generator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class PacerTest {

    private final LongAdder dropped = new LongAdder();
    private volatile double rate;

    private final Pacer pacer = new Pacer(Duration.ofMillis(5), () -> rate, System::nanoTime, dropped::add);
    private final AtomicInteger created = new AtomicInteger();

    @Test
    void aSubscriberThatCannotKeepUpCostsDroppedItemsNotAFailedStream() {
        rate = GeneratorConfigCheck.MAX_RATE;
        AssertSubscriber<Integer> slow = pacer.pace(created::incrementAndGet).subscribe().withSubscriber(AssertSubscriber.create(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> slow.getFailure() != null || dropped.sum() > 1000);
        assertNull(slow.getFailure(), "a BackPressureFailure here means ticks met no demand and were not dropped");
        assertEquals(5, slow.getItems().size(), "exactly what was requested, nothing pushed beyond demand");
        assertTrue(created.get() <= 5 + EmissionBudget.catchUpCap(rate), "items are created on demand, not queued");

        slow.request(20).awaitItems(25, Duration.ofSeconds(10));
        assertNull(slow.getFailure());
        slow.cancel();
    }

    @Test
    void pausedEmitsNothingAndResumesOnTheSameSubscription() {
        rate = 0;
        AssertSubscriber<Integer> subscriber = pacer.pace(created::incrementAndGet).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> subscriber.getItems().isEmpty() && created.get() == 0);

        rate = 1000;
        subscriber.awaitItems(50, Duration.ofSeconds(10));
        assertNull(subscriber.getFailure());
        assertEquals(0, dropped.sum(), "an unbounded subscriber never makes the pacer drop");
        subscriber.cancel();
    }
}
