package dev.pulse.generator;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * The generator's start-up settings ({@code pulse.generator.*} in application.properties, or environment
 * variables such as {@code PULSE_GENERATOR_RATE}). Rate and pause can be changed later through
 * {@code PUT /generator}; pages, users and durations are fixed for the life of the process.
 */
@ConfigMapping(prefix = "pulse.generator")
public interface GeneratorConfig {

    /** Events per second. */
    double rate();

    /** Page names to pick from at random; each becomes an event's name and record key. */
    List<String> pages();

    /** User names to pick from at random. */
    List<String> users();

    /** The longest view; each event's duration is drawn uniformly from zero to this. */
    Duration maxDuration();

    /** Start without emitting anything until un-paused through the API. */
    boolean paused();

    /** The topic written to (the channel's topic is configured from it). */
    String topic();
}
