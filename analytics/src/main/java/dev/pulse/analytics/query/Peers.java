package dev.pulse.analytics.query;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import dev.pulse.analytics.AnalyticsConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/** Asks other instances for their share of a query, without ever failing: a failure is an answer too. */
@ApplicationScoped
class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);

    private final AnalyticsConfig config;
    private final Map<HostInfo, PeerClient> clients = new ConcurrentHashMap<>();

    Peers(AnalyticsConfig config) {
        this.config = config;
    }

    /** The peer's share of a query, asked of its internal API within {@code pulse.analytics.peer-timeout}. */
    <T extends Share> Uni<InstanceAnswer<T>> ask(HostInfo peer, Function<InternalQueries, Uni<T>> query) {
        return query.apply(client(peer))
                .ifNoItem().after(config.peerTimeout()).fail()
                .<InstanceAnswer<T>> map(share -> new InstanceAnswer.Answered<>(peer, share))
                .onFailure().recoverWithItem(failure -> failed(peer, failure));
    }

    private static <T extends Share> InstanceAnswer<T> failed(HostInfo peer, Throwable failure) {
        if (failure instanceof WebApplicationException http
                && http.getResponse().getStatus() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            LOG.debugf("Instance %s cannot answer now (rebalancing)", peer);
            return new InstanceAnswer.Rebalancing<>(peer);
        }
        LOG.warnf("Instance %s did not answer, its pages are left out: %s", peer, failure.toString());
        return new InstanceAnswer.Unreachable<>(peer);
    }

    private PeerClient client(HostInfo peer) {
        return clients.computeIfAbsent(peer, host -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://" + host.host() + ":" + host.port()))
                .connectTimeout(config.peerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.peerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(PeerClient.class));
    }

    /** Another instance's {@link InternalQueries}, built per instance. */
    interface PeerClient extends InternalQueries, AutoCloseable {
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
