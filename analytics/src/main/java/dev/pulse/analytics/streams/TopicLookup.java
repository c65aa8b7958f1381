package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The topics on the broker, asked with Kafka Streams' own admin settings (servers, security), for readiness and
 * for a stream thread that waits for its source topic. The admin client is made on first use, once Kafka Streams'
 * configuration exists.
 */
@ApplicationScoped
public class TopicLookup {

    private final Instance<StreamsConfig> streamsConfig;
    private Admin admin;

    TopicLookup(Instance<StreamsConfig> streamsConfig) {
        this.streamsConfig = streamsConfig;
    }

    /** The names of the broker's topics; empty when it does not answer within {@code timeout}. */
    public Optional<Set<String>> names(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(admin().listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException unanswered) {
            return Optional.empty();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(streamsConfig.get().getAdminConfigs("pulse-analytics-topic-lookup"));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
