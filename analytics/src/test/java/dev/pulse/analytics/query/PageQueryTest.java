package dev.pulse.analytics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntUnaryOperator;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import dev.pulse.analytics.streams.PageStats;
import dev.pulse.analytics.streams.PageStatsSerde;
import dev.pulse.analytics.streams.PageStatsUnion;
import dev.pulse.analytics.streams.Resolution;
import dev.pulse.analytics.streams.TimeOnPage;

/** How the instances' page sketches become one ranking or one page's history. */
class PageQueryTest {

    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Instant W1 = Instant.parse("2026-11-24T10:00:00Z");
    private static final TimeRange RANGE = new TimeRange(W1, W1.plusSeconds(60));
    private static final HostInfo A = new HostInfo("a", 8084);
    private static final HostInfo B = new HostInfo("b", 8084);

    @Test
    void mergesSketchesBeforeCountingVisitorsOnceAcrossPagesAndInstances() {
        // ann and bob viewed pages held by both instances: 4 visitors, not 2 + 3 + 1.
        PageRanking ranking = PageQueryService.rank(RANGE, Shares.of(Set.of(0, 1), List.of(
                answered(A, List.of(0), page("home", views("ann", 100), views("bob", 300), views("ann", 200)),
                        page("docs", views("cid", 1_000), views("ann", 2_000), views("bob", 3_000))),
                answered(B, List.of(1), page("cart", views("bob", 50), views("dan", 60))))), PageOrder.VIEWS, 10);

        assertEquals(new PageTotals(8, 4), ranking.totals());
        assertEquals(List.of(
                new PageSummary("docs", 3, 3, new TimeOnPage(2_000L, 3_000L, 2_000.0)),
                new PageSummary("home", 3, 2, new TimeOnPage(200L, 300L, 200.0)),
                new PageSummary("cart", 2, 2, new TimeOnPage(50L, 60L, 55.0))), ranking.pages());
        assertEquals(RANGE.from(), ranking.from());
        assertEquals(RANGE.to(), ranking.to());
        assertEquals(false, ranking.partial());
    }

    @Test
    void ranksByTheOrderAskedThenByNameAndKeepsTheTopOnly() {
        Shares<LocalPageStats> shares = Shares.of(Set.of(0), List.of(answered(A, List.of(0),
                page("b", views("u1", 10), views("u1", 10), views("u1", 10)),
                page("a", views("u1", 500), views("u2", 500)),
                page("c", views("u1", 90), views("u2", 90), views("u3", 90)),
                page("d", views("u4", 90), views("u5", 90), views("u6", 90)))));

        assertEquals(List.of("b", "c", "d", "a"), names(PageQueryService.rank(RANGE, shares, PageOrder.VIEWS, 10)));
        assertEquals(List.of("c", "d", "a", "b"), names(PageQueryService.rank(RANGE, shares, PageOrder.VISITORS, 10)));
        assertEquals(List.of("a", "c", "d", "b"), names(PageQueryService.rank(RANGE, shares, PageOrder.DURATION, 10)));
        assertEquals(List.of("a", "b", "c", "d"), names(PageQueryService.rank(RANGE, shares, PageOrder.NAME, 10)));
        PageRanking top2 = PageQueryService.rank(RANGE, shares, PageOrder.VIEWS, 2);
        assertEquals(List.of("b", "c"), names(top2));
        assertEquals(new PageTotals(11, 6), top2.totals(), "totals cover every page, not only the top ones");
    }

    @Test
    void neverShowsMoreVisitorsThanAPageHasViews() {
        // Each of 2,000 visitors views each of 20 pages once, over three windows: the union's estimate is 2,022.
        PageRanking ranking = PageQueryService.rank(RANGE, oneInstance(20, page -> 2_000, (page, v) -> "visitor-" + v),
                PageOrder.NAME, 20);

        assertEquals(20, ranking.pages().size());
        for (PageSummary page : ranking.pages()) {
            assertEquals(2_000, page.views());
            assertTrue(page.visitors() <= 2_000 && page.visitors() >= 1_904,
                    page + ": at most its views, within 3 standard errors of them");
        }
    }

    @Test
    void neverShowsMoreVisitorsThanAllPagesHaveViews() {
        // 5,000 visitors, each viewing one of 20 pages once, over three windows: the union's estimate is 5,054.
        PageTotals totals = PageQueryService.rank(RANGE, oneInstance(20, page -> 250, (page, v) -> "visitor-" + (page * 250 + v)),
                PageOrder.NAME, 20).totals();

        assertEquals(5_000, totals.views());
        assertTrue(totals.visitors() <= 5_000 && totals.visitors() >= 4_760,
                totals + ": at most the views, within 3 standard errors of them");
    }

    /** {@code pages} pages, page {@code p} viewed {@code views(p)} times, the {@code v}th by {@code visitor(p, v)}. */
    private static Shares<LocalPageStats> oneInstance(int pages, IntUnaryOperator views,
            BiFunction<Integer, Integer, String> visitor) {
        LocalPageStats.PageSketch[] sketches = new LocalPageStats.PageSketch[pages];
        for (int p = 0; p < pages; p++) {
            PageStats[] windows = { new PageStats(), new PageStats(), new PageStats() };
            for (int v = 0; v < views.applyAsInt(p); v++) {
                windows[v % windows.length].addView(visitor.apply(p, v));
            }
            sketches[p] = page("page-" + p, windows);
        }
        return Shares.of(Set.of(0), List.of(answered(A, List.of(0), sketches)));
    }

    @Test
    void aPartialRankingSaysSoAndHoldsWhatWasRead() {
        PageRanking ranking = PageQueryService.rank(RANGE, Shares.of(Set.of(0, 1), List.of(
                answered(A, List.of(0), page("home", views("ann", 100))),
                new InstanceAnswer.Unreachable<>(B))), PageOrder.VIEWS, 10);

        assertTrue(ranking.partial());
        assertEquals(new PageTotals(1, 1), ranking.totals());
    }

    @Test
    void historyGivesEachWindowsFiguresInTimeOrder() {
        PageStats later = views("ann", 100);
        later.addView("bob"); // a view without a time on page (a tracker's view, say)
        Segment segment = new Segment(new Resolution(WINDOW, Duration.ofHours(1), "page-stats"), W1, W1.plusSeconds(60));
        PageHistory history = PageQueryService.windows(segment, Shares.of(Set.of(3), List.of(new InstanceAnswer.Answered<>(B,
                new LocalPageHistory(List.of(3), List.of(
                        new LocalPageHistory.WindowSketch(W1.plus(WINDOW), PageStatsSerde.toBytes(later)),
                        new LocalPageHistory.WindowSketch(W1, PageStatsSerde.toBytes(views("ann", 700)))))))));

        assertEquals(new PageHistory(W1, W1.plusSeconds(60), "PT5S", List.of(
                new PageWindow(W1, W1.plus(WINDOW), 1, 1, new TimeOnPage(700L, 700L, 700.0)),
                new PageWindow(W1.plus(WINDOW), W1.plus(WINDOW.multipliedBy(2)), 2, 2, new TimeOnPage(100L, 100L, 100.0))),
                false), history);
    }

    @Test
    void aWindowWhereAVisitEndedIsInTheHistoryWithNoViewsAndItsTimeOnPage() {
        PageStats leaveOnly = new PageStats();
        leaveOnly.addTimeOnPage(700); // the visit's view is in an earlier window
        Segment segment = new Segment(new Resolution(WINDOW, Duration.ofHours(1), "page-stats"), W1, W1.plusSeconds(60));
        PageHistory history = PageQueryService.windows(segment, Shares.of(Set.of(3), List.of(new InstanceAnswer.Answered<>(B,
                new LocalPageHistory(List.of(3), List.of(new LocalPageHistory.WindowSketch(W1, PageStatsSerde.toBytes(leaveOnly))))))));

        assertEquals(List.of(new PageWindow(W1, W1.plus(WINDOW), 0, 0, new TimeOnPage(700L, 700L, 700.0))), history.windows());
    }

    @Test
    void timeOnPageIsNullWhenNoneWasRecorded() {
        PageStats viewsOnly = new PageStats();
        viewsOnly.addView("ann");
        assertEquals(new TimeOnPage(null, null, null), viewsOnly.timeOnPage());
        assertEquals(TimeOnPage.NONE, PageStatsSerde.fromBytes(PageStatsSerde.toBytes(viewsOnly)).timeOnPage());
    }

    @Test
    void readsSortOrSaysWhatIsAllowed() {
        assertEquals(PageOrder.VIEWS, PageOrder.fromString("views"));
        assertEquals(PageOrder.VISITORS, PageOrder.fromString("visitors"));
        assertEquals(PageOrder.DURATION, PageOrder.fromString("duration"));
        assertEquals(PageOrder.NAME, PageOrder.fromString("name"));
        assertEquals("'VIEWS' is not one of views, visitors, duration, name",
                assertThrows(IllegalArgumentException.class, () -> PageOrder.fromString("VIEWS")).getMessage());
        assertEquals("'' is not one of views, visitors, duration, name",
                assertThrows(IllegalArgumentException.class, () -> PageOrder.fromString("")).getMessage());
    }

    @Test
    void refusesBytesThatAreNotPageStats() {
        assertThrows(org.apache.kafka.common.errors.SerializationException.class,
                () -> PageStatsSerde.fromBytes(new byte[] { 1, 2, 3 }));
        assertThrows(org.apache.kafka.common.errors.SerializationException.class,
                () -> PageStatsSerde.fromBytes(new byte[] { 9 }));
    }

    /** One view by {@code user} that lasted {@code durationMs}. */
    private static PageStats views(String user, long durationMs) {
        PageStats stats = new PageStats();
        stats.addView(user);
        stats.addTimeOnPage(durationMs);
        return stats;
    }

    /** The share of a page whose views are given one per stats, merged as an instance merges windows. */
    private static LocalPageStats.PageSketch page(String name, PageStats... windows) {
        PageStatsUnion union = new PageStatsUnion();
        for (PageStats window : windows) {
            union.add(window);
        }
        return new LocalPageStats.PageSketch(name, PageStatsSerde.toBytes(union.result()));
    }

    private static InstanceAnswer<LocalPageStats> answered(HostInfo instance, List<Integer> partitions,
            LocalPageStats.PageSketch... pages) {
        return new InstanceAnswer.Answered<>(instance, new LocalPageStats(partitions, List.of(pages)));
    }

    private static List<String> names(PageRanking ranking) {
        return ranking.pages().stream().map(PageSummary::name).toList();
    }
}
