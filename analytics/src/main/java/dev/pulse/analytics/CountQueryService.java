package dev.pulse.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

import dev.pulse.analytics.InstanceAnswer.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Answers count queries for the whole application, whichever instance is asked: all-pages queries go to
 * every instance counting some partition, in parallel, and the shares are merged; one-page queries go to
 * the instance that owns the page.
 */
@ApplicationScoped
public class CountQueryService {

    private final Cluster cluster;
    private final LocalCountStore local;
    private final Peers peers;
    private final Duration window;
    private final Duration latestLookback;

    CountQueryService(Cluster cluster, LocalCountStore local, Peers peers, CountingConfig counting, AnalyticsConfig config) {
        this.cluster = cluster;
        this.local = local;
        this.peers = peers;
        this.window = counting.window();
        this.latestLookback = config.latestLookback();
    }

    /** Every page's windows overlapping {@code range}. */
    public Uni<CountHistory> allPages(TimeRange range) {
        Cluster.Assignment assignment = cluster.assignment();
        List<Uni<InstanceAnswer>> answers = new ArrayList<>();
        answers.add(locally(() -> local.allPages(range)));
        assignment.peers().forEach(peer -> answers.add(peers.ask(peer, range, null)));
        return Uni.join().all(answers).andFailFast()
                .map(all -> merge(assignment.partitions(), all, window));
    }

    /** {@code page}'s windows overlapping {@code range}, from the instance that owns it. */
    public Uni<CountHistory> onePage(String page, TimeRange range) {
        KeyQueryMetadata owner = cluster.owner(page);
        Uni<InstanceAnswer> answer = owner.activeHost().equals(cluster.self())
                ? locally(() -> local.onePage(page, range))
                : peers.ask(owner.activeHost(), range, page);
        return answer.map(one -> merge(Set.of(owner.partition()), List.of(one), window));
    }

    /**
     * The latest window: the newest window that has started by {@code now} and holds any count, among
     * those overlapping the last {@code pulse.analytics.latest-lookback}; when there is none, the window
     * containing {@code now}, with no counts. Windows of events dated ahead of this instance's clock are
     * left out until their time comes, so one event from a fast clock cannot take over the dashboard.
     */
    public Uni<CurrentCounts> latest(Instant now) {
        return allPages(new TimeRange(now.minus(latestLookback), now)).map(history -> {
            List<WindowCounts> windows = history.windows();
            if (windows.isEmpty()) {
                Instant start = Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), window.toMillis()));
                return new CurrentCounts(start, start.plus(window), Map.of(), history.partial());
            }
            WindowCounts newest = windows.get(windows.size() - 1);
            return new CurrentCounts(newest.windowStart(), newest.windowEnd(), newest.counts(), history.partial());
        });
    }

    private Uni<InstanceAnswer> locally(Supplier<LocalCounts> query) {
        HostInfo self = cluster.self();
        // RocksDB reads block: keep them off the event loop.
        return Uni.createFrom().item(query).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(counts -> InstanceAnswer.answered(self, counts));
    }

    /**
     * Merges the instances' shares into one answer covering {@code partitions}. Complete only when every
     * partition was read exactly once; {@code partial} when an instance did not answer; otherwise (tasks
     * moving: a partition read twice, or by nobody though everyone answered, or an instance rebalancing)
     * no answer, since any total would be wrong without saying so.
     *
     * @throws CountsUnavailableException when the shares do not add up to an answer now
     */
    static CountHistory merge(Set<Integer> partitions, List<InstanceAnswer> answers, Duration window) {
        boolean partial = false;
        Map<Integer, HostInfo> readBy = new HashMap<>();
        WindowTally tally = new WindowTally(window);
        for (InstanceAnswer answer : answers) {
            if (answer.outcome() == Outcome.REBALANCING) {
                throw new CountsUnavailableException("instance " + answer.instance() + " is rebalancing");
            }
            if (answer.outcome() == Outcome.UNREACHABLE) {
                partial = true;
                continue;
            }
            for (int partition : answer.counts().partitions()) {
                HostInfo other = readBy.putIfAbsent(partition, answer.instance());
                if (other != null) {
                    throw new CountsUnavailableException("partition " + partition + " was read on both " + other
                            + " and " + answer.instance() + " (tasks are moving)");
                }
                if (!partitions.contains(partition)) {
                    throw new CountsUnavailableException("partition " + partition + " was read on " + answer.instance()
                            + " but the assignment here does not know it (tasks are moving)");
                }
            }
            tally.addAll(answer.counts().windows());
        }
        if (!partial && !readBy.keySet().equals(partitions)) {
            throw new CountsUnavailableException("no instance counts partitions " + missing(partitions, readBy.keySet())
                    + " right now (tasks are moving)");
        }
        return new CountHistory(tally.windows(), partial);
    }

    private static List<Integer> missing(Set<Integer> expected, Set<Integer> read) {
        return expected.stream().filter(partition -> !read.contains(partition)).sorted().toList();
    }
}
