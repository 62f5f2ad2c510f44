package dev.pidgr.command.check;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Which aggregates a Streams instance holds: those whose command-topic partition (the default
 * partitioner's murmur2 of the key, as every producer here uses) is one of its active tasks'.
 */
final class Ownership {

    private final Set<Integer> partitions;
    private final int partitionCount;

    private Ownership(Set<Integer> partitions, int partitionCount) {
        this.partitions = partitions;
        this.partitionCount = partitionCount;
    }

    static Ownership of(KafkaStreams streams, String commandTopic, int partitionCount) {
        Set<Integer> owned = streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(commandTopic))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
        return new Ownership(owned, partitionCount);
    }

    boolean owns(String aggregateId) {
        return partitions.contains(
                Utils.toPositive(Utils.murmur2(aggregateId.getBytes(StandardCharsets.UTF_8))) % partitionCount);
    }
}
