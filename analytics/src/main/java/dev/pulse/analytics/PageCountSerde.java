package dev.pulse.analytics;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** {@link PageCount} as JSON with ISO-8601 times, for {@code page-counts}. */
public class PageCountSerde extends Serdes.WrapperSerde<PageCount> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(PageCount.class);
    private static final ObjectReader READER = MAPPER.readerFor(PageCount.class);

    public PageCountSerde() {
        super((topic, count) -> write(count), (topic, bytes) -> read(bytes));
    }

    private static byte[] write(PageCount count) {
        try {
            return count == null ? null : WRITER.writeValueAsBytes(count);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Could not write " + count, e);
        }
    }

    private static PageCount read(byte[] bytes) {
        try {
            return bytes == null ? null : READER.readValue(bytes);
        } catch (IOException e) {
            throw new SerializationException("Not a page count", e);
        }
    }
}
