package dev.pulse.generator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.PackagedApp;
import dev.pulse.testing.TestCredentials;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The packaged generator as operators run it, access control on: start-up checks and shutdown on SIGTERM. */
class GeneratorPackagedIT {

    private static final Pattern TOTALS = Pattern.compile("Generator stopped: (\\d+) events sent, (\\d+) dropped, (\\d+) failed");

    @Test
    void aPageNameOver128CharactersStopsStartUpNamingTheProperty() throws IOException {
        Map<String, String> config = withCredentials(Map.of(
                "kafka.bootstrap.servers", KafkaBrokerTestResource.broker().bootstrapServers(),
                "pulse.generator.pages", "P1," + "x".repeat(129)));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> PackagedApp.start("generator", "generator-bad-page", PackagedApp.ANY_PORT, config).close());

        assertTrue(failure.getMessage().contains("exited"), failure.getMessage());
        String log = Files.readString(PackagedApp.repositoryRoot().resolve("generator/target/generator-bad-page.log"));
        assertTrue(log.contains("Invalid generator configuration: pulse.generator.pages[1] must be 1 to 128 characters long"), log);
    }

    @Test
    void sigtermStopsEmittingAndEveryAcknowledgedEventIsInKafka() throws IOException {
        String bootstrap = KafkaBrokerTestResource.broker().bootstrapServers();
        String page = "generator-it-shutdown";
        Map<String, String> config = withCredentials(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "pulse.generator.pages", page,
                "pulse.generator.rate", "200",
                "pulse.generator.paused", "false"));

        try (KafkaCompanion companion = new KafkaCompanion(bootstrap);
                ConsumerTask<String, String> records = companion.consumeStrings().fromTopics("page-events")) {
            PackagedApp app = PackagedApp.start("generator", "generator-shutdown", PackagedApp.ANY_PORT, config);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> ours(records, page) >= 200);
            } finally {
                app.close();
            }

            String log = Files.readString(app.log());
            Matcher totals = TOTALS.matcher(log);
            assertTrue(totals.find(), log);
            long sent = Long.parseLong(totals.group(1));
            assertEquals("0", totals.group(3), "failed");
            await().atMost(Duration.ofSeconds(10)).until(() -> ours(records, page) >= sent);
            assertEquals(sent, ours(records, page), "what Kafka holds is exactly what the generator reported sent");
        }
    }

    /** {@code config} and the access configuration a deployment needs: without credentials, the generator refuses to start. */
    private static Map<String, String> withCredentials(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(TestCredentials.config());
        all.putAll(config);
        return all;
    }

    private static long ours(ConsumerTask<String, String> records, String page) {
        return records.getRecords().stream().filter(r -> page.equals(r.key())).count();
    }
}
