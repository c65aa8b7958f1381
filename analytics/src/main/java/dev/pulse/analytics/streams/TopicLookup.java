package dev.pulse.analytics.streams;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Whether a topic exists, asked of the broker with Kafka Streams' own admin settings (servers, security). The
 * admin client is made on first use: only an analytics started before its topics needs one.
 */
@ApplicationScoped
class TopicLookup {

    private final Instance<StreamsConfig> streamsConfig;
    private Admin admin;

    TopicLookup(Instance<StreamsConfig> streamsConfig) {
        this.streamsConfig = streamsConfig;
    }

    /** False also when the broker does not answer within {@code timeout}. */
    boolean exists(String topic, Duration timeout) throws InterruptedException {
        try {
            return admin().listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException unanswered) {
            return false;
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
