package dev.pulse.analytics.query;

import java.util.List;

/**
 * One instance's share of a query, read from its active stores, with the partitions of {@code page-events}
 * those stores are: the instance merging the shares can then tell a complete answer from one that lost or
 * doubled a partition while tasks moved.
 */
interface Share {

    List<Integer> partitions();
}
