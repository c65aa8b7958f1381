package dev.pulse.analytics.query;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.security.AccessConfig;
import dev.pulse.security.KeyHeaders;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Asks other instances for their share of a query, without ever failing: a failure is an answer too. Each query
 * carries this instance's peer key ({@code pulse.access.peer-key}), which the others' internal API asks for, and
 * nothing of the request being answered: a viewer's credentials never reach another instance.
 */
@ApplicationScoped
class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);

    private final Duration timeout;
    private final KeyHeaders peerKeyHeader;
    private final boolean hasPeerKey;
    private final Map<HostInfo, PeerClient> clients = new ConcurrentHashMap<>();

    @Inject
    Peers(AnalyticsConfig config, AccessConfig access) {
        this(config.peerTimeout(), access.peerKey());
    }

    Peers(Duration timeout, Optional<String> peerKey) {
        this.timeout = timeout;
        this.peerKeyHeader = new KeyHeaders(peerKey);
        this.hasPeerKey = peerKey.isPresent();
    }

    /**
     * With access control on, an instance without the peer key is refused by the others, and refuses them: its
     * answers and theirs leave out each other's pages. A warning, not a refusal to start: a single instance needs no
     * peer key.
     */
    void warnWithoutPeerKey(@Observes StartupEvent start, AccessConfig access) {
        if (!access.open() && !hasPeerKey) {
            LOG.warn("pulse.access.peer-key is not set: other analytics instances of this application refuse this "
                    + "one's queries (401) and it refuses theirs, so while more than one instance runs, every answer "
                    + "leaves out the pages of the others (\"partial\": true). Give every instance the same peer key.");
        }
    }

    /** The peer's share of a query, asked of its internal API within {@code pulse.analytics.peer-timeout}. */
    <T extends Share> Uni<InstanceAnswer<T>> ask(HostInfo peer, Function<InternalQueries, Uni<T>> query) {
        return query.apply(client(peer))
                .ifNoItem().after(timeout).fail()
                .<InstanceAnswer<T>> map(share -> new InstanceAnswer.Answered<>(peer, share))
                .onFailure().recoverWithItem(failure -> failed(peer, failure));
    }

    private <T extends Share> InstanceAnswer<T> failed(HostInfo peer, Throwable failure) {
        int status = failure instanceof WebApplicationException http ? http.getResponse().getStatus() : 0;
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            LOG.debugf("Instance %s cannot answer now (rebalancing)", peer);
            return new InstanceAnswer.Rebalancing<>(peer);
        }
        if (status == Response.Status.UNAUTHORIZED.getStatusCode() || status == Response.Status.FORBIDDEN.getStatusCode()) {
            LOG.warnf("Instance %s refused this instance's query (%d), its pages are left out: %s", peer, status,
                    hasPeerKey ? "it does not accept this instance's pulse.access.peer-key (every instance needs the same one)"
                            : "this instance has no pulse.access.peer-key to send");
        } else {
            LOG.warnf("Instance %s did not answer, its pages are left out: %s", peer, failure.toString());
        }
        return new InstanceAnswer.Unreachable<>(peer);
    }

    private PeerClient client(HostInfo peer) {
        return clients.computeIfAbsent(peer, host -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://" + host.host() + ":" + host.port()))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .clientHeadersFactory(peerKeyHeader)
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
