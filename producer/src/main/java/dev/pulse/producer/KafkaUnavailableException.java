package dev.pulse.producer;

/** Kafka did not acknowledge every event of a request in time: the client should retry later. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(Throwable cause) {
        super("Kafka did not acknowledge the events: " + cause, cause);
    }
}
