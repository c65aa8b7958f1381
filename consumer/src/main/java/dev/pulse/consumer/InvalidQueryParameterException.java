package dev.pulse.consumer;

/** A query parameter the client got wrong; answered with 400 and the message. */
public class InvalidQueryParameterException extends RuntimeException {

    public InvalidQueryParameterException(String message) {
        super(message);
    }
}
