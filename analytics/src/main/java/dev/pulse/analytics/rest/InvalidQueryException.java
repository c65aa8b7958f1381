package dev.pulse.analytics.rest;

/** A query that cannot be answered as asked: answered with 400 and the message. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}
