package dev.pulse.analytics.query;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.pulse.analytics.streams.StreamThreadRecovery;

/**
 * Not ready until Kafka Streams has first reached RUNNING: the extension's own state check is a liveness
 * check that counts REBALANCING (and so the first start-up) as healthy. Nor while {@code page-events} does not
 * exist, which it names: the one reason to wait that an operator must fix.
 */
@Readiness
@ApplicationScoped
class StreamsReadinessCheck implements HealthCheck {

    @Inject
    StreamsState streamsState;

    @Inject
    StreamThreadRecovery recovery;

    @Override
    public HealthCheckResponse call() {
        Optional<String> missingTopic = recovery.awaitedTopic();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka Streams counting")
                .status(streamsState.isReady() && missingTopic.isEmpty())
                .withData("state", streamsState.state().name());
        missingTopic.ifPresent(topic -> response.withData("missing_topic", topic));
        return response.build();
    }
}
