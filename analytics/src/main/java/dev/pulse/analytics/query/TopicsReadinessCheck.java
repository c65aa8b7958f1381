package dev.pulse.analytics.query;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.streams.TopicLookup;

/**
 * Ready only while the broker answers, within {@code readiness-timeout}, and has the topics analytics reads and
 * writes. A broker that is away and a topic nobody created are what an operator must fix, and this check says
 * which; Kafka Streams itself keeps its state through both, waiting.
 */
@Readiness
@ApplicationScoped
class TopicsReadinessCheck implements HealthCheck {

    private final TopicLookup topics;
    private final AnalyticsConfig config;
    private final List<String> required;

    TopicsReadinessCheck(TopicLookup topics, AnalyticsConfig config) {
        this.topics = topics;
        this.config = config;
        AnalyticsConfig.TopicNames names = config.topic();
        this.required = List.of(names.pageEvents(), names.pageCounts(), names.pageStats(), names.deadLetter());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka topics");
        Optional<Set<String>> existing;
        try {
            existing = topics.names(config.readinessTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("kafka", "interrupted while asking for the topics").build();
        }
        if (existing.isEmpty()) {
            return response.down().withData("kafka", "no answer within " + config.readinessTimeout()).build();
        }
        List<String> missing = required.stream().filter(topic -> !existing.get().contains(topic)).toList();
        return missing.isEmpty()
                ? response.up().build()
                : response.down().withData("missing_topics", String.join(",", missing)).build();
    }
}
