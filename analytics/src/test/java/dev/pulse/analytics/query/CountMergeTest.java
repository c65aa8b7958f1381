package dev.pulse.analytics.query;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import dev.pulse.analytics.streams.Resolution;

/** How the instances' shares become one answer: complete, partial, or none while tasks move. */
class CountMergeTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Instant W1 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant W2 = W1.plus(WINDOW);
    private static final Segment SEGMENT = new Segment(new Resolution(WINDOW, Duration.ofHours(1), "page-stats"), W1,
            W1.plusSeconds(60));
    private static final HostInfo A = new HostInfo("a", 8084);
    private static final HostInfo B = new HostInfo("b", 8084);
    private static final HostInfo C = new HostInfo("c", 8084);
    private static final Set<Integer> ALL = Set.of(0, 1, 2, 3);

    @Test
    void mergesDisjointSharesIntoOneCompleteAnswer() {
        CountsHistory merged = merge(ALL, List.of(
                answered(A, List.of(0, 1), window(W1, Map.of("p1", 3L)), window(W2, Map.of("p1", 1L))),
                answered(B, List.of(2, 3), window(W2, Map.of("p2", 4L, "p0", 2L)))));

        assertFalse(merged.partial());
        assertEquals(List.of(window(W1, Map.of("p1", 3L)), window(W2, Map.of("p0", 2L, "p1", 1L, "p2", 4L))),
                merged.windows());
        assertEquals(List.of("p0", "p1", "p2"), List.copyOf(merged.windows().get(1).counts().keySet()), "pages in name order");
    }

    @Test
    void marksTheAnswerPartialWhenAnInstanceDidNotAnswer() {
        CountsHistory merged = merge(ALL, List.of(
                answered(A, List.of(0, 1), window(W1, Map.of("p1", 3L))),
                new InstanceAnswer.Unreachable<>(B)));

        assertTrue(merged.partial());
        assertEquals(List.of(window(W1, Map.of("p1", 3L))), merged.windows());
    }

    @Test
    void refusesWhenAPartitionWasReadTwice() {
        CountsUnavailableException refused = assertThrows(CountsUnavailableException.class, () -> merge(ALL,
                List.of(answered(A, List.of(0, 1, 2)), answered(B, List.of(2, 3)))));
        assertThat(refused.getMessage(), containsString("partition 2 was read on both"));
    }

    @Test
    void refusesEvenAPartialAnswerWithAPartitionReadTwice() {
        assertThrows(CountsUnavailableException.class, () -> merge(ALL, List.of(
                answered(A, List.of(0, 1)), answered(B, List.of(1)), new InstanceAnswer.Unreachable<>(C))));
    }

    @Test
    void refusesWhenEveryoneAnsweredButAPartitionWasReadByNobody() {
        CountsUnavailableException refused = assertThrows(CountsUnavailableException.class,
                () -> merge(ALL, List.of(answered(A, List.of(0, 1)), answered(B, List.of(3)))));
        assertThat(refused.getMessage(), containsString("[2]"));
    }

    @Test
    void refusesWhenAPartitionOutsideTheKnownAssignmentWasRead() {
        assertThrows(CountsUnavailableException.class, () -> merge(Set.of(0, 1),
                List.of(answered(A, List.of(0, 1)), answered(B, List.of(2)))));
    }

    @Test
    void refusesWhileAnInstanceIsRebalancing() {
        assertThrows(CountsUnavailableException.class, () -> merge(ALL, List.of(
                answered(A, List.of(0, 1, 2, 3)), new InstanceAnswer.Rebalancing<>(B))));
    }

    @Test
    void answersOnePageFromItsOwnerOrPartiallyWithoutIt() {
        CountsHistory owned = merge(Set.of(2), List.of(answered(B, List.of(2), window(W1, Map.of("p", 7L)))));
        assertEquals(new CountsHistory(W1, W1.plusSeconds(60), "PT5S", List.of(window(W1, Map.of("p", 7L))), false), owned);

        CountsHistory ownerDown = merge(Set.of(2), List.of(new InstanceAnswer.Unreachable<>(B)));
        assertEquals(new CountsHistory(W1, W1.plusSeconds(60), "PT5S", List.of(), true), ownerDown);
    }

    private static CountsHistory merge(Set<Integer> partitions, List<InstanceAnswer<LocalCounts>> answers) {
        return CountQueryService.merge(SEGMENT, Shares.of(partitions, answers));
    }

    private static InstanceAnswer<LocalCounts> answered(HostInfo instance, List<Integer> partitions, CountsWindow... windows) {
        return new InstanceAnswer.Answered<>(instance, new LocalCounts(partitions, List.of(windows)));
    }

    private static CountsWindow window(Instant start, Map<String, Long> counts) {
        return new CountsWindow(start, start.plus(WINDOW), counts);
    }
}
