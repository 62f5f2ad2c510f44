package dev.pidgr.gateway.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The push requests of each partition being delivered, in offset order, and the results of those that finished.
 * Only a partition's finished prefix is committed: its results and the offset after it go out together, so a push
 * is either wholly committed (receipts, commands, offset) or delivered again after a crash. Used by the loop's
 * thread only.
 *
 * @param <R> a finished push's result
 */
final class PendingOffsets<R> {

    private final Map<TopicPartition, TreeMap<Long, Slot<R>>> partitions = new HashMap<>();

    private static final class Slot<R> {
        R result;
    }

    /** What a commit carries: the results of a finished prefix and, per partition, the offset to commit. */
    record Commit<R>(List<R> results, Map<TopicPartition, Long> offsets) {
        boolean isEmpty() {
            return offsets.isEmpty();
        }
    }

    void started(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, new Slot<>());
    }

    void finished(TopicPartition partition, long offset, R result) {
        TreeMap<Long, Slot<R>> slots = partitions.get(partition);
        Slot<R> slot = slots == null ? null : slots.get(offset);
        if (slot != null) {
            slot.result = result;
        }
    }

    /** Takes every partition's finished prefix out: its results and the next offset to consume. */
    Commit<R> takeCommittable() {
        List<R> results = new ArrayList<>();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach((partition, slots) -> {
            while (!slots.isEmpty() && slots.firstEntry().getValue().result != null) {
                Map.Entry<Long, Slot<R>> first = slots.pollFirstEntry();
                results.add(first.getValue().result);
                offsets.put(partition, first.getKey() + 1);
            }
        });
        return new Commit<>(results, offsets);
    }

    /** How many pushes of the partition are not committed yet. */
    int size(TopicPartition partition) {
        TreeMap<Long, Slot<R>> slots = partitions.get(partition);
        return slots == null ? 0 : slots.size();
    }

    /** Forgets a partition (revoked: its uncommitted pushes are the next owner's). */
    void forget(TopicPartition partition) {
        partitions.remove(partition);
    }
}
