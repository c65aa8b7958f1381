package dev.pulse.event;

/** Pulse's topics and their default partition counts (the README's topic table). Names are configuration in each service; these are the defaults. */
public enum Topics {
    PAGE_EVENTS("page-events", 6),
    PAGE_COUNTS("page-counts", 6),
    PAGE_STATS("page-stats", 6),
    PAGE_EVENTS_DLQ("page-events-dlq", 1);

    private final String defaultName;
    private final int partitions;

    Topics(String defaultName, int partitions) {
        this.defaultName = defaultName;
        this.partitions = partitions;
    }

    public String defaultName() {
        return defaultName;
    }

    public int partitions() {
        return partitions;
    }
}
