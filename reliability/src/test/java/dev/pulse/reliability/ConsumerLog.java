package dev.pulse.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The consumer's DEBUG line per event ({@code PageEventConsumer}: "Consumed PageEvent[name=.., user=.., ...] from
 * page-events-3 at offset 42 (key ..)"), written before the event is acknowledged and so before its offset can be
 * committed. What a killed consumer consumed, read from its log.
 */
final class ConsumerLog {

    static final String CATEGORY = "dev.pulse.consumer.PageEventConsumer";

    private static final Pattern CONSUMED = Pattern.compile(
            "Consumed PageEvent\\[name=.*, user=(?<user>\\S+), date=.*\\] from (?<topic>.+)-(?<partition>\\d+) at offset (?<offset>\\d+) \\(key ");

    /** One event as the consumer logged it; the suite's events carry their id as the user. */
    record Consumed(String id, String topic, int partition, long offset) {
    }

    private ConsumerLog() {
    }

    static List<Consumed> read(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<Consumed> consumed = lines.map(CONSUMED::matcher).filter(Matcher::find)
                    .map(match -> new Consumed(match.group("user"), match.group("topic"),
                            Integer.parseInt(match.group("partition")), Long.parseLong(match.group("offset"))))
                    .toList();
            if (consumed.isEmpty()) {
                throw new AssertionError(log + " has no \"Consumed ...\" DEBUG line: did " + CATEGORY
                        + " change its log message, or its logging level not apply?");
            }
            return consumed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
