package dev.pulse.analytics.streams;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One memory budget for every RocksDB instance of this application. Each resolution's window store is a few RocksDB
 * instances per task (one per segment of its retention), and by default each takes its own block cache and memtables:
 * memory would grow with tasks, resolutions and segments. Here they share one LRU cache, which holds their index and
 * filter blocks and accounts for their memtables too, so RocksDB's memory stays near
 * {@code kafka-streams.pulse.rocksdb.memory} (bytes), whatever the number of stores.
 * <p>
 * Kafka Streams creates it by its class name ({@code kafka-streams.rocksdb.config.setter}), once per store.
 */
@RegisterForReflection
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The budget, in bytes, among the Kafka Streams configuration. */
    public static final String MEMORY = "pulse.rocksdb.memory";
    /** What the memtables may take of it. */
    private static final double MEMTABLE_SHARE = 0.25;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache(configs));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setTableFormatConfig(table);
    }

    private static synchronized Cache cache(Map<String, Object> configs) {
        if (cache == null) {
            Object configured = configs.get(MEMORY);
            if (configured == null) {
                throw new IllegalStateException("kafka-streams." + MEMORY + " (bytes) must be set with " + BoundedRocksDbMemory.class.getName());
            }
            long bytes = Long.parseLong(configured.toString().trim());
            // Half of the cache for index and filter blocks at high priority, so that data blocks cannot push them out.
            cache = new LRUCache(bytes, -1, false, 0.5);
            writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store, for the life of the application.
    }
}
