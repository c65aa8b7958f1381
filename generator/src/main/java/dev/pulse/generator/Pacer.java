package dev.pulse.generator;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;

/**
 * Turns a fixed, fine-grained ticker into a stream of items whose rate may change at any time.
 * <p>
 * A bare {@code Multi} ticker fails with a {@code BackPressureFailure} as soon as a tick finds no demand, and
 * changing its period means re-subscribing. Here the ticker never changes: each tick asks an
 * {@link EmissionBudget} how many items are due at the current rate. When the subscriber (the Kafka sink) has no
 * demand left, the tick's share is dropped and reported to {@code onDropped}; nothing is buffered, so a rate
 * above what the subscriber accepts costs dropped items, never memory or a failed stream. Each tick does a
 * bounded amount of work, so the ticker cannot fall behind whatever the rate.
 */
final class Pacer {

    static final Duration TICK = Duration.ofMillis(10);

    private final Duration tick;
    private final DoubleSupplier rate;
    private final LongSupplier nanoClock;
    private final LongConsumer onDropped;

    /**
     * @param rate      read at every tick: items per second, zero or less meaning paused
     * @param nanoClock a monotonic clock, {@code System::nanoTime} outside tests
     * @param onDropped told how many due items were not emitted (no demand, or beyond the catch-up cap)
     */
    Pacer(Duration tick, DoubleSupplier rate, LongSupplier nanoClock, LongConsumer onDropped) {
        this.tick = tick;
        this.rate = rate;
        this.nanoClock = nanoClock;
        this.onDropped = onDropped;
    }

    /** Items from {@code next}, each created when it is emitted. One budget per subscription. */
    <T> Multi<T> pace(Supplier<T> next) {
        return Multi.createFrom().deferred(() -> {
            EmissionBudget budget = new EmissionBudget();
            return Multi.createFrom().ticks().every(tick)
                    .map(ignored -> budget.next(rate.getAsDouble(), nanoClock.getAsLong()))
                    .invoke(allowance -> reportDropped(allowance.skipped()))
                    .map(EmissionBudget.Allowance::due)
                    .filter(due -> due > 0)
                    .onOverflow().invoke(this::reportDropped).drop()
                    .onItem().transformToMultiAndConcatenate(due -> Multi.createFrom().range(0, due).map(i -> next.get()));
        });
    }

    private void reportDropped(long count) {
        if (count > 0) {
            onDropped.accept(count);
        }
    }
}
