package dev.pulse.analytics.query;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;

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
     * Reads the {@code sort} query parameter (Quarkus REST converts enums with this method): a constant's name in
     * lower case.
     *
     * @throws IllegalArgumentException for anything else, naming what is allowed; answered with 400
     */
    public static PageOrder fromString(String sort) {
        return Arrays.stream(values()).filter(order -> order.parameter().equals(sort)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + sort + "' is not one of "
                        + Arrays.stream(values()).map(PageOrder::parameter).collect(Collectors.joining(", "))));
    }

    private String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
