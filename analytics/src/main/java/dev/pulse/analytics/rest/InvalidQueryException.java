package dev.pulse.analytics.rest;

/** A query that cannot be answered as asked: answered with 400 and the message. */
class InvalidQueryException extends RuntimeException {

    InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}
