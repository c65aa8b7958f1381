package dev.pulse.analytics.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.state.HostInfo;

/**
 * The shares that make up an answer, checked to cover the partitions asked for.
 *
 * @param partial true when an instance did not answer: what the shares hold is exact, the pages held by
 *                that instance are missing
 */
record Shares<T extends Share>(List<T> shares, boolean partial) {

    /**
     * Checks that the answers cover {@code partitions}: complete only when every partition was read exactly
     * once; {@code partial} when an instance did not answer; otherwise (tasks moving: a partition read twice,
     * or by nobody though everyone answered, or an instance rebalancing) no answer, since any total would be
     * wrong without saying so.
     *
     * @throws CountsUnavailableException when the shares do not add up to an answer now
     */
    static <T extends Share> Shares<T> of(Set<Integer> partitions, List<InstanceAnswer<T>> answers) {
        boolean partial = false;
        Map<Integer, HostInfo> readBy = new HashMap<>();
        List<T> shares = new ArrayList<>();
        for (InstanceAnswer<T> answer : answers) {
            if (answer instanceof InstanceAnswer.Rebalancing<T>) {
                throw new CountsUnavailableException("instance " + answer.instance() + " is rebalancing");
            }
            if (!(answer instanceof InstanceAnswer.Answered<T> answered)) {
                partial = true;
                continue;
            }
            for (int partition : answered.share().partitions()) {
                HostInfo other = readBy.putIfAbsent(partition, answered.instance());
                if (other != null) {
                    throw new CountsUnavailableException("partition " + partition + " was read on both " + other
                            + " and " + answered.instance() + " (tasks are moving)");
                }
                if (!partitions.contains(partition)) {
                    throw new CountsUnavailableException("partition " + partition + " was read on " + answered.instance()
                            + " but the assignment here does not know it (tasks are moving)");
                }
            }
            shares.add(answered.share());
        }
        if (!partial && !readBy.keySet().equals(partitions)) {
            throw new CountsUnavailableException("no instance counts partitions " + missing(partitions, readBy.keySet())
                    + " right now (tasks are moving)");
        }
        return new Shares<>(shares, partial);
    }

    private static List<Integer> missing(Set<Integer> expected, Set<Integer> read) {
        return expected.stream().filter(partition -> !read.contains(partition)).sorted().toList();
    }
}
