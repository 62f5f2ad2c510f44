package dev.pidgr.workflow;

import com.google.protobuf.Message;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/** The shared embedded broker, a fresh topic namespace, and small client helpers. */
final class Broker implements AutoCloseable {

    final String bootstrap = SharedTestInfra.kafka().bootstrapServers();
    final Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
    final KafkaProducer<String, byte[]> producer;
    private final List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    private final int partitions;

    Broker(int partitions) throws Exception {
        this.partitions = partitions;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicAdmin.ensureTopics(admin, topics, partitions, (short) 1);
            awaitLeaders(admin);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** New topics take a moment to get partition leaders; writing before that only produces retries. */
    private void awaitLeaders(Admin admin) throws Exception {
        List<String> names = topics.all().stream().map(Topic::name).toList();
        Leaders.await(() -> admin.describeTopics(names).allTopicNames().get(), Duration.ofSeconds(30),
                Duration.ofMillis(50));
    }

    /** The app's base Streams config, on a fresh state directory unless one is given. */
    Properties streamsConfig(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return props;
    }

    static Path newStateDir() throws Exception {
        return Files.createTempDirectory("workflow-state");
    }

    <V extends Message> void send(Topic<V> topic, String key, V value) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), null, key, value.toByteArray(),
                EventHeaders.of(value, UUID.randomUUID().toString()))));
    }

    /** Waits until everything sent so far is written; fails if anything was not. */
    void flush() {
        producer.flush();
        try {
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new AssertionError("a test record could not be written", e);
        }
        sent.clear();
    }

    /** Every committed record of a topic read so far, until {@code done} holds for the list (or the timeout). */
    <V extends Message> List<ConsumerRecord<String, V>> readUntil(
            Topic<V> topic, Duration timeout, Predicate<List<ConsumerRecord<String, V>>> done) {
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            consumer.subscribe(List.of(topic.name()));
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Every committed record of a topic, up to its last stable offset now: all of it once nobody writes, and what
     * was committed before a transaction still open. No waiting for records that might come.
     */
    <V extends Message> List<ConsumerRecord<String, V>> readAll(Topic<V> topic) {
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    <V extends Message> KafkaConsumer<String, V> consumer(Topic<V> topic) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), topic.valueSerde().deserializer());
    }

    /** Waits until the group {@code groupId} has consumed everything written to {@code topic} so far. */
    void awaitConsumed(String groupId, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(200); // the group does not exist yet
                    continue;
                }
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (done) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the group " + groupId + " did not consume " + topic + " in time");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
