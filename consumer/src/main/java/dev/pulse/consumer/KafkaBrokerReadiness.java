package dev.pulse.consumer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Ready only while the broker answers, and saying so within {@code pulse.consumer.readiness-timeout}. The channel's
 * own readiness check cannot tell: a consumer keeps its partitions while the broker is away, so it stays UP through
 * an outage; and Quarkus' Kafka check waits for the admin client's default API timeout (60 s), longer than any
 * container probe.
 */
@Readiness
@ApplicationScoped
class KafkaBrokerReadiness implements HealthCheck {

    private final Admin admin;
    private final int timeoutMs;

    KafkaBrokerReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka, ConsumerConfig config) {
        this.timeoutMs = Math.toIntExact(config.readinessTimeout().toMillis());
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value.toString());
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "pulse-consumer-readiness");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = Admin.create(settings);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka broker");
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port())
                    .collect(Collectors.joining(","));
            return response.up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("error", "no answer from the broker within " + timeoutMs + " ms").build();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
