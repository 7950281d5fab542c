package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every store's RocksDB options point at the one bounded cache the pipeline configures. */
class BoundedRocksDbMemoryTest {

  @Test
  void thePipelineBoundsItsStoresByTheSetting() {
    Properties props =
        new TandemConfig(
                Map.of(
                    "bootstrap.servers", "kafka:9092",
                    "tandem.rocksdb.memory.bytes", "33554432"))
            .streamsProperties();

    assertThat(props)
        .containsEntry(
            StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName())
        .containsEntry("tandem.rocksdb.memory.bytes", "33554432");
  }

  @Test
  void eachStoreCachesItsIndexAndFiltersInTheSharedCache() {
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());

      new BoundedRocksDbMemory()
          .setConfig(
              "track-incident-history", options, Map.of("tandem.rocksdb.memory.bytes", "33554432"));

      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
      assertThat(table.blockSize()).isEqualTo(4096);
    }
  }
}
