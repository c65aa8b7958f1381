package dev.pulse.analytics.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until Kafka Streams has first reached RUNNING: the extension's own state check is a liveness
 * check that counts REBALANCING (and so the first start-up) as healthy.
 */
@Readiness
@ApplicationScoped
class StreamsReadinessCheck implements HealthCheck {

    @Inject
    StreamsState streamsState;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka Streams counting")
                .status(streamsState.isReady())
                .withData("state", streamsState.state().name())
                .build();
    }
}
