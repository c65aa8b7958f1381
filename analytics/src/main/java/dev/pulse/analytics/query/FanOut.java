package dev.pulse.analytics.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import io.smallrye.mutiny.Uni;

/**
 * Gathers the shares of a query from the instances that hold them: an all-pages query from every instance
 * counting some partition, in parallel; a one-page query from the instance that owns the page.
 */
@ApplicationScoped
class FanOut {

    private final StreamsGroup group;
    private final Peers peers;

    FanOut(StreamsGroup group, Peers peers) {
        this.group = group;
        this.peers = peers;
    }

    /**
     * @param local  this instance's share, read from its stores
     * @param remote the same query asked of another instance's internal API
     */
    <T extends Share> Uni<Shares<T>> allPages(Supplier<Uni<T>> local, Function<InternalQueries, Uni<T>> remote) {
        StreamsGroup.Assignment assignment = group.assignment();
        List<Uni<InstanceAnswer<T>>> answers = new ArrayList<>();
        answers.add(locally(local));
        assignment.peers().forEach(peer -> answers.add(peers.ask(peer, remote)));
        return Uni.join().all(answers).andFailFast().map(all -> Shares.of(assignment.partitions(), all));
    }

    /**
     * Looks the page's owner up once: the owner, this instance or another, reads the partition named here.
     *
     * @param local  the share of the owner when that is this instance, given the page's partition
     * @param remote the same query asked of the owner's internal API, given the page's partition
     */
    <T extends Share> Uni<Shares<T>> onePage(String page, IntFunction<Uni<T>> local,
            BiFunction<InternalQueries, Integer, Uni<T>> remote) {
        KeyQueryMetadata owner = group.owner(page);
        int partition = owner.partition();
        Uni<InstanceAnswer<T>> answer = owner.activeHost().equals(group.self())
                ? locally(() -> local.apply(partition))
                : peers.ask(owner.activeHost(), peer -> remote.apply(peer, partition));
        return answer.map(one -> Shares.of(Set.of(partition), List.of(one)));
    }

    private <T extends Share> Uni<InstanceAnswer<T>> locally(Supplier<Uni<T>> query) {
        HostInfo self = group.self();
        return query.get().map(share -> new InstanceAnswer.Answered<>(self, share));
    }
}
