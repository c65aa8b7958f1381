package dev.pulse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pulse.testing.RunCredentials;

/**
 * After every other class of the suite (the faults, the hostile requests with refused and oversized credentials,
 * the browsers): no log of any service holds a password, a key, or a user's Basic credentials as sent.
 */
@ExtendWith(ReliabilitySuite.class)
@Order(Integer.MAX_VALUE)
class NoSecretInLogsIT {

    @Test
    void noServiceLoggedAPasswordOrAKey(PulseStack stack) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            logs = files.filter(file -> file.getFileName().toString().startsWith("reliability-")
                    && file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        List<String> services = logs.stream().map(log -> log.getFileName().toString()).toList();
        for (String service : List.of("producer", "consumer", "analytics")) {
            assertFalse(services.stream().noneMatch(name -> name.contains(service)), "a log of the " + service + ": " + services);
        }
        List<String> secrets = new ArrayList<>(RunCredentials.secrets());
        secrets.add(Base64.getEncoder().encodeToString((RunCredentials.ADMIN + ":" + RunCredentials.password(RunCredentials.ADMIN))
                .getBytes(StandardCharsets.UTF_8)));

        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    found.add(log.getFileName() + " holds a secret at character " + text.indexOf(secret));
                }
            }
        }
        assertEquals(List.of(), found, "secrets in the logs of " + services);
    }
}
