package dev.pidgr.faults.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as it is now: every partition from its beginning up to its end offset
 * (for {@code read_committed}, the last stable offset), the way an analytics consumer or a rebuild
 * would. No consumer group, nothing committed.
 */
public final class TopicReader {

    private static final int LARGE = 80 * 1024 * 1024;

    private TopicReader() {
    }

    /** Every record of {@code topic} visible at {@code isolation}, in partition order then offset order. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, IsolationLevel isolation) {
        return readAll(FaultInfra.bootstrapServers(), topic, isolation);
    }

    /** As {@link #readAll(String, IsolationLevel)}, from the cluster at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, byte[]>> readAll(
            String bootstrapServers, String topic, IsolationLevel isolation) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + ends);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
            records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                    : Long.compare(a.offset(), b.offset()));
            return records;
        }
    }

    /** Every committed record of {@code topic}. */
    public static List<ConsumerRecord<String, byte[]>> committed(String topic) {
        return readAll(topic, IsolationLevel.READ_COMMITTED);
    }

    /** Every committed record of {@code topic} on the cluster at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, byte[]>> committed(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, topic, IsolationLevel.READ_COMMITTED);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofSeconds(30)) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    /** A group-less consumer at {@code isolation} that takes records up to 80 MiB (oversized poison included). */
    static KafkaConsumer<String, byte[]> consumer(IsolationLevel isolation) {
        return consumer(FaultInfra.bootstrapServers(), isolation);
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, IsolationLevel isolation) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation == IsolationLevel.READ_COMMITTED ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, LARGE);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, LARGE);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
