package dev.tandem.pipeline;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all of Tandem's RocksDB stores in this JVM together, by {@value
 * TandemSettings#ROCKSDB_MEMORY_BYTES}: one block cache shared by every store, which also holds the
 * index and filter blocks and accounts for the memtables (half of it) through a write buffer
 * manager. Without it each store instance takes its own cache and memtables (about 50 MB by Kafka
 * Streams' defaults), so memory grows with the number of stores and partitions an instance hosts.
 * The recipe is Kafka Streams' own ("Memory Management", RocksDB).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /**
   * The memtables' share of the bound. Every store of the JVM writes into this budget (about 16
   * stores at 4 partitions); with a quarter of 64 MiB the budget forced flushes of tiny memtables,
   * and in catch-up the stream thread sat in RocksDB's put for tens of seconds at a time with the
   * CPU idle (thread dumps: bench/RESULTS.md). Half of 128 MiB did not.
   */
  private static final double MEMTABLE_SHARE = 0.5;

  /** Index and filter blocks are kept in the high-priority part of the cache, up to this share. */
  private static final double INDEX_FILTER_SHARE = 0.1;

  private static final long BLOCK_SIZE = 4096;

  private static Cache cache;
  private static WriteBufferManager writeBufferManager;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object bound = configs.get(TandemSettings.ROCKSDB_MEMORY_BYTES);
    share(bound == null ? DEFAULT_BYTES : Long.parseLong(bound.toString()));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE);
    options.setWriteBufferManager(writeBufferManager);
    options.setTableFormatConfig(table);
  }

  /** The default bound, 128 MiB: Tandem's stores are small; what they read most fits. */
  public static final long DEFAULT_BYTES = 128L * 1024 * 1024;

  /**
   * One cache and manager per JVM, made by the first store: every store of every Tandem application
   * in the JVM shares them, and they live as long as the JVM.
   */
  private static synchronized void share(long bytes) {
    if (cache == null) {
      cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
      writeBufferManager = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
    }
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared by every store: not closed with one.
  }
}
