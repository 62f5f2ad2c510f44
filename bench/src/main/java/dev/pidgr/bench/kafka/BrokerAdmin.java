package dev.pidgr.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Scratch topics for the baselines, and how far the dev server's own consumers have come. */
public final class BrokerAdmin implements AutoCloseable {

    private final Admin admin;

    public BrokerAdmin(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A new topic {@code bench.<purpose>.<random>} (replication 1, as the dev broker's), for one baseline. */
    public String scratchTopic(String purpose, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        String name = "bench." + purpose + "." + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    public void deleteTopic(String name) throws ExecutionException, InterruptedException, TimeoutException {
        admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
    }

    public int partitions(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .size();
    }

    /**
     * Waits until consumer group {@code groupId} has committed every record written to {@code topic} so
     * far (Kafka Streams commits what it has processed), e.g. until the workflow processor has read a
     * campaign's audience. Only for topics written in transactions, as every event topic is: the last
     * offset of each partition is then a commit marker, which a consumer's committed offset may stop before.
     */
    public void awaitGroupCaughtUp(String groupId, String topic, Duration timeout) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions(topic); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(groupId, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(groupId + " did not consume " + topic + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private boolean caughtUp(String groupId, Map<TopicPartition, Long> ends)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return false; // the group has not committed yet
        }
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue() - 1));
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
