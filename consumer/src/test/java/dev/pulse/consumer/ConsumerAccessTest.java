package dev.pulse.consumer;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.AccessMatrix;
import dev.pulse.testing.AccessMatrix.Row;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer's rows of the access table (README, Access), asked by every kind of caller. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
class ConsumerAccessTest {

    static Stream<AccessMatrix.Case> table() {
        return AccessMatrix.cases(
                Row.get("/stats").roles(200, "viewer"),
                Row.get("/events/recent").roles(200, "viewer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(AccessMatrix.Case row) {
        row.check();
    }
}
