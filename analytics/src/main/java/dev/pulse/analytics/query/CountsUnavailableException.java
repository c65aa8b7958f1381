package dev.pulse.analytics.query;

/**
 * The counts cannot be read right now, typically while tasks move between instances: answered with 503 and
 * {@code Retry-After}, since asking again shortly will work.
 */
public class CountsUnavailableException extends RuntimeException {

    public CountsUnavailableException(String message) {
        super(message, null, false, false);
    }

    public CountsUnavailableException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause, false, false);
    }
}
