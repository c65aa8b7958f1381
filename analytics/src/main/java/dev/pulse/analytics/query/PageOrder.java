package dev.pulse.analytics.query;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.pulse.analytics.rest.InvalidQueryException;

/** How {@code GET /pages} ranks pages ({@code sort=}); ties are broken by name. */
public enum PageOrder {
    /** Most views first. */
    VIEWS(Comparator.comparingLong(PageSummary::views).reversed()),
    /** Most visitors first. */
    VISITORS(Comparator.comparingLong(PageSummary::visitors).reversed()),
    /** Longest median time on page first; pages without a time on page last. */
    DURATION(Comparator.comparing((PageSummary page) -> page.duration().p50(),
            Comparator.nullsLast(Comparator.<Long> reverseOrder()))),
    /** By name (Unicode code point order). */
    NAME((a, b) -> 0);

    private final Comparator<PageSummary> order;

    PageOrder(Comparator<PageSummary> first) {
        this.order = first.thenComparing(PageSummary::name);
    }

    Comparator<PageSummary> comparator() {
        return order;
    }

    /**
     * @param sort the query parameter; absent means {@link #VIEWS}
     * @throws InvalidQueryException for any other value than a constant's name in lower case
     */
    public static PageOrder parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return VIEWS;
        }
        return Arrays.stream(values()).filter(order -> order.parameter().equals(sort.strip())).findFirst()
                .orElseThrow(() -> new InvalidQueryException("sort: '" + sort + "' is not one of "
                        + Arrays.stream(values()).map(PageOrder::parameter).collect(Collectors.joining(", "))));
    }

    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
