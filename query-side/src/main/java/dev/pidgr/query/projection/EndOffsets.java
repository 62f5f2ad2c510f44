package dev.pidgr.query.projection;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The end of each partition as a read_committed consumer sees it (the last stable offset): how far
 * a projector must get to have applied everything committed so far. A topic that does not exist
 * yet has no partitions.
 */
public final class EndOffsets {

    private EndOffsets() {
    }

    public static Map<TopicPartition, Long> of(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        return of(admin, topics, Duration.ofSeconds(30));
    }

    /** Like {@link #of(Admin, Collection)}, giving up after {@code timeout} per request. */
    public static Map<TopicPartition, Long> of(Admin admin, Collection<String> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long millis = timeout.toMillis();
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic :
                admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue().get(millis, TimeUnit.MILLISECONDS).partitions().forEach(p ->
                        specs.put(new TopicPartition(topic.getKey(), p.partition()), OffsetSpec.latest()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (specs.isEmpty()) {
            return ends;
        }
        admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(millis, TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** The sum of the offsets: records (and transaction markers) up to there. */
    public static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
