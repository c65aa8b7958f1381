package dev.pulse.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Gathers the shares of a query from the instances that hold them: an all-pages query from every instance
 * counting some partition, in parallel; a one-page query from the instance that owns the page.
 */
@ApplicationScoped
public class FanOut {

    private final Cluster cluster;
    private final Peers peers;

    FanOut(Cluster cluster, Peers peers) {
        this.cluster = cluster;
        this.peers = peers;
    }

    /**
     * @param local  this instance's share, read from its stores
     * @param remote the same query asked of another instance's internal API
     */
    public <T extends Share> Uni<Shares<T>> allPages(Supplier<T> local, Function<InternalQueries, Uni<T>> remote) {
        Cluster.Assignment assignment = cluster.assignment();
        List<Uni<InstanceAnswer<T>>> answers = new ArrayList<>();
        answers.add(locally(local));
        assignment.peers().forEach(peer -> answers.add(peers.ask(peer, remote)));
        return Uni.join().all(answers).andFailFast().map(all -> Shares.of(assignment.partitions(), all));
    }

    /**
     * @param local  the share of the owner when that is this instance, given the page's partition
     * @param remote the same query asked of the owner's internal API
     */
    public <T extends Share> Uni<Shares<T>> onePage(String page, IntFunction<T> local, Function<InternalQueries, Uni<T>> remote) {
        KeyQueryMetadata owner = cluster.owner(page);
        Uni<InstanceAnswer<T>> answer = owner.activeHost().equals(cluster.self())
                ? locally(() -> local.apply(owner.partition()))
                : peers.ask(owner.activeHost(), remote);
        return answer.map(one -> Shares.of(Set.of(owner.partition()), List.of(one)));
    }

    private <T extends Share> Uni<InstanceAnswer<T>> locally(Supplier<T> query) {
        HostInfo self = cluster.self();
        return onWorker(query).map(share -> InstanceAnswer.answered(self, share));
    }

    /** RocksDB reads block: they run on a worker thread, never on the event loop. */
    public static <T> Uni<T> onWorker(Supplier<T> read) {
        return Uni.createFrom().item(read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
