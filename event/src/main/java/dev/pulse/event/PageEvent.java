package dev.pulse.event;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page view, in the workshop's JSON shape: {@code {"name","user","date","duration"}}.
 *
 * @param name     the page viewed; also the Kafka record key
 * @param user     who viewed it
 * @param date     when it was viewed; the Kafka record timestamp. May be absent on input, where the
 *                 producer fills in the time of receipt
 * @param duration how long the page was viewed, in milliseconds
 */
// Jackson binds it through PageEventJson's own readers and writer, given only PageEvent.class, in the Kafka
// (de)serializers every service uses, where Quarkus cannot see it: registered here, once for all of them.
@RegisterForReflection
public record PageEvent(String name, String user, Instant date, Long duration) {

    /** This event with {@code date} set to {@code now} when it has none. */
    public PageEvent withDateIfAbsent(Instant now) {
        return date != null ? this : new PageEvent(name, user, now, duration);
    }
}
