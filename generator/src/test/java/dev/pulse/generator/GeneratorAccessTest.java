package dev.pulse.generator;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.pulse.testing.AccessMatrix;
import dev.pulse.testing.AccessMatrix.Row;
import dev.pulse.testing.KafkaBrokerTestResource;
import dev.pulse.testing.TestCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The generator's rows of the access table (README, Access), asked by every kind of caller. */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCredentials.class)
class GeneratorAccessTest {

    static Stream<AccessMatrix.Case> table() {
        return AccessMatrix.cases(
                Row.get("/generator").roles(200, "viewer"),
                // The settings the generator starts with in the tests: an admin's change changes nothing another test sees.
                Row.put("/generator", "application/json", GeneratorApi.PAUSED_AT_ONE_PER_SECOND).roles(200, "admin"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void answersAsTheTableSays(AccessMatrix.Case row) {
        row.check();
    }
}
