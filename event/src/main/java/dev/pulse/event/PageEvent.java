package dev.pulse.event;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One page event, in the workshop's JSON shape {@code {"name","user","date","duration"}}, with two optional fields
 * for the website tracker: {@code kind} and {@code view}. How an event counts is decided here, in
 * {@link #countsAsView(long)} and {@link #countsTimeOnPage(long)}, and nowhere else.
 *
 * @param name     the page viewed; also the Kafka record key
 * @param user     who viewed it
 * @param date     when it was viewed; the Kafka record timestamp. May be absent on input, where the
 *                 producer fills in the time of receipt
 * @param duration how long the page was viewed, in milliseconds
 * @param kind     absent for a classic event (a view whose duration is known); {@value #VIEW} for a tracker's view,
 *                 sent when the page opens (duration 0); {@value #LEAVE} for the time on page of an earlier
 *                 tracker view, sent when the visitor leaves it
 * @param view     optional id pairing a tracker's view with its leave
 */
// Jackson binds it through PageEventJson's own readers and writer, given only PageEvent.class, in the Kafka
// (de)serializers every service uses, where Quarkus cannot see it: registered here, once for all of them.
@RegisterForReflection
public record PageEvent(String name, String user, Instant date, Long duration,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Absent for a classic event: a view of known duration. \"view\": a page opened "
                + "(duration 0), counted as a view. \"leave\": the time on page of an earlier view, never counted as a view.",
                enumeration = { VIEW, LEAVE }) String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Optional id pairing a tracker's view with its leave", maxLength = 128) String view) {

    public static final String VIEW = "view";
    public static final String LEAVE = "leave";

    /** A classic event, as the workshop's clients write it. */
    public PageEvent(String name, String user, Instant date, Long duration) {
        this(name, user, date, duration, null, null);
    }

    /** This event with {@code date} set to {@code now} when it has none. */
    public PageEvent withDateIfAbsent(Instant now) {
        return date != null ? this : new PageEvent(name, user, now, duration, kind, view);
    }

    /**
     * Whether this event is one page view: a tracker's view always; a classic event when it lasted longer than
     * {@code minDurationMs}; a leave never, as its view was counted when the page opened.
     */
    public boolean countsAsView(long minDurationMs) {
        if (kind == null) {
            return duration > minDurationMs;
        }
        return VIEW.equals(kind);
    }

    /**
     * Whether {@code duration} is a time on page: a leave's always; a classic event's when it counts as a view; a
     * tracker's view's never, as its time on page comes with its leave.
     */
    public boolean countsTimeOnPage(long minDurationMs) {
        if (kind == null) {
            return duration > minDurationMs;
        }
        return LEAVE.equals(kind);
    }
}
