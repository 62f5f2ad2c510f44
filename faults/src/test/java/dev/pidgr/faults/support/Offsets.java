package dev.pidgr.faults.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a partition ends for each kind of reader: the high watermark, and the last stable offset read_committed stops
 * at.
 */
public final class Offsets {

    private Offsets() {
    }

    /** The partition a record with {@code key} lands on (Kafka's default partitioner). */
    public static TopicPartition partitionOf(String topic, String key, int partitions) {
        return new TopicPartition(
                topic, Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions);
    }

    /** The end offset a reader at {@code isolation} sees now. */
    public static long end(TopicPartition partition, IsolationLevel isolation) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
                    .partitionResult(partition).get(30, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offset of " + partition, e);
        }
    }

    /** Whether records of a transaction that is still open lie beyond what read_committed readers see. */
    public static boolean openTransaction(TopicPartition partition) {
        return end(partition, IsolationLevel.READ_UNCOMMITTED) > end(partition, IsolationLevel.READ_COMMITTED);
    }
}
