package dev.pulse.analytics.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.pulse.analytics.AnalyticsConfig;
import dev.pulse.analytics.CountingConfig;
import dev.pulse.analytics.streams.CountingSettings;
import dev.pulse.analytics.streams.Resolution;

/** The resolutions analytics keeps, and which windows of them answer a range. */
@ApplicationScoped
public class Resolutions {

    private final List<Resolution> all;
    private final int maxPoints;
    private final Clock clock;

    @Inject
    Resolutions(CountingConfig counting, AnalyticsConfig config) {
        this(CountingSettings.of(counting, config.topic()).resolutions(), config.maxPoints(), Clock.systemUTC());
    }

    public Resolutions(List<Resolution> all, int maxPoints, Clock clock) {
        this.all = List.copyOf(all);
        this.maxPoints = maxPoints;
        this.clock = clock;
    }

    public List<Resolution> all() {
        return all;
    }

    public Resolution finest() {
        return all.get(0);
    }

    /** The resolution kept longest: the coarsest. */
    public Resolution longestKept() {
        return all.get(all.size() - 1);
    }

    public Instant now() {
        return clock.instant();
    }

    /** The resolution of that name ({@code PT5S}, {@code PT1M}, {@code PT1H}, {@code P1D}, or any ISO-8601 equal). */
    public Optional<Resolution> named(String name) {
        Duration window;
        try {
            window = Duration.parse(name);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return all.stream().filter(resolution -> resolution.window().equals(window)).findFirst();
    }

    /** Whether {@code resolution} still keeps every window overlapping {@code range}. */
    public boolean keeps(Resolution resolution, TimeRange range) {
        return resolution.keeps(resolution.floor(range.from()), now());
    }

    /** The windows answering an all-windows-merged query over {@code range}: see {@link Tiling}. */
    public Tiling tiling(TimeRange range) {
        return Tiling.of(range, all, now());
    }

    /**
     * The windows of one resolution overlapping {@code range}: {@code requested}, or else the finest still keeping
     * them all whose windows over the range number at most {@code pulse.analytics.max-points}, or else the coarsest.
     */
    public Segment history(TimeRange range, Resolution requested) {
        Resolution resolution = requested != null ? requested : all.stream()
                .filter(candidate -> keeps(candidate, range) && windows(candidate, range) <= maxPoints)
                .findFirst()
                .orElseGet(this::longestKept);
        return new Segment(resolution, resolution.floor(range.from()), resolution.floor(range.to()).plus(resolution.window()));
    }

    private static long windows(Resolution resolution, TimeRange range) {
        return Duration.between(resolution.floor(range.from()), resolution.floor(range.to())).toMillis()
                / resolution.window().toMillis() + 1;
    }
}
