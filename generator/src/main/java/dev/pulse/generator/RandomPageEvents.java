package dev.pulse.generator;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.pulse.event.PageEvent;

/** The workshop's random page view: a random page, a random user, a random duration, dated now. */
final class RandomPageEvents implements Supplier<PageEvent> {

    private final List<String> pages;
    private final List<String> users;
    private final long maxDurationMillis;
    private final Clock clock;

    RandomPageEvents(List<String> pages, List<String> users, Duration maxDuration, Clock clock) {
        this.pages = List.copyOf(pages);
        this.users = List.copyOf(users);
        this.maxDurationMillis = maxDuration.toMillis();
        this.clock = clock;
    }

    @Override
    public PageEvent get() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Millisecond precision: the date is also the record timestamp, which has no finer unit.
        return new PageEvent(
                pages.get(random.nextInt(pages.size())),
                users.get(random.nextInt(users.size())),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                random.nextLong(maxDurationMillis + 1));
    }
}
