package dev.pulse.analytics;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import dev.pulse.analytics.InstanceAnswer.Outcome;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/** Asks other instances for their share of a query, without ever failing: a failure is an answer too. */
@ApplicationScoped
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);

    private final AnalyticsConfig config;
    private final Map<HostInfo, PeerCountsClient> clients = new ConcurrentHashMap<>();

    Peers(AnalyticsConfig config) {
        this.config = config;
    }

    /**
     * The peer's local counts in {@code range}, for every page or for {@code page} only (null for all),
     * within {@code pulse.analytics.peer-timeout}.
     */
    Uni<InstanceAnswer> ask(HostInfo peer, TimeRange range, String page) {
        return client(peer).history(range.from().toString(), range.to().toString(), page)
                .ifNoItem().after(config.peerTimeout()).fail()
                .map(counts -> InstanceAnswer.answered(peer, counts))
                .onFailure().recoverWithItem(failure -> failed(peer, failure));
    }

    private static InstanceAnswer failed(HostInfo peer, Throwable failure) {
        if (failure instanceof WebApplicationException http
                && http.getResponse().getStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            LOG.debugf("Instance %s cannot answer now (rebalancing)", peer);
            return InstanceAnswer.failed(peer, Outcome.REBALANCING);
        }
        LOG.warnf("Instance %s did not answer, its pages are left out: %s", peer, failure.toString());
        return InstanceAnswer.failed(peer, Outcome.UNREACHABLE);
    }

    private PeerCountsClient client(HostInfo peer) {
        return clients.computeIfAbsent(peer, host -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://" + host.host() + ":" + host.port()))
                .connectTimeout(config.peerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.peerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(PeerCountsClient.class));
    }

    @PreDestroy
    void closeClients() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception e) {
                LOG.debug("Closing a peer client failed", e);
            }
        });
    }
}
