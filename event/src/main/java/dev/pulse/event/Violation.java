package dev.pulse.event;

/**
 * Why one event is not acceptable.
 *
 * @param index  the position of the event in the request (0 for a single event), or -1 where there is none
 * @param field  the JSON field at fault, or {@code null} when the event as a whole is at fault (not JSON, not an object)
 * @param reason a sentence a client developer can act on
 */
public record Violation(int index, String field, String reason) {

    @Override
    public String toString() {
        String where = field == null ? "event" : "field '" + field + "'";
        return (index >= 0 ? "event " + index + ", " : "") + where + ": " + reason;
    }
}
