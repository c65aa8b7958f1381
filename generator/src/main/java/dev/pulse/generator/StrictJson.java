package dev.pulse.generator;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pulse.event.PageEventJson;

/**
 * The mapper Quarkus REST binds and writes JSON with: the strict one the producer reads events with, so that
 * {@code PUT /generator} refuses unknown fields, a field given twice and scalars of the wrong type as
 * {@code POST /events} does. Its failures are answered by the shared error mappers.
 */
@Singleton
public class StrictJson {

    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return PageEventJson.STRICT_MAPPER;
    }
}
