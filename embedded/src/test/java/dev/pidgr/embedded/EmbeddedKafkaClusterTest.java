package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Three KRaft nodes in three JVMs: the leader of a partition killed with SIGKILL, nothing acknowledged is lost. */
class EmbeddedKafkaClusterTest {

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenThePartitionLeaderIsKilledAndComesBack() throws Exception {
        Path dir = Files.createTempDirectory("kafka-cluster");
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3)) {
            String topic = "replicated";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(
                                List.of(new NewTopic(topic, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                        .all()
                        .get();
            }
            Set<String> sent = new HashSet<>();
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                send(producer, topic, "before", 100, sent);
                int leader = cluster.leaderOf(topic, 0);
                cluster.kill(leader);
                send(producer, topic, "after", 100, sent);
                int newLeader = cluster.leaderOf(topic, 0);

                assertThat(newLeader).isNotEqualTo(leader).isPositive();
                assertThat(cluster.inSyncReplicas(new TopicPartition(topic, 0))).doesNotContain(leader).hasSize(2);
                cluster.restart(leader);
                assertThat(cluster.registeredBrokers()).containsExactlyInAnyOrder(1, 2, 3);
            }
            assertThat(readAll(cluster, topic)).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaCluster cluster) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000), new StringSerializer(), new StringSerializer());
    }

    private static void send(
            KafkaProducer<String, String> producer, String topic, String prefix, int count, Set<String> sent)
            throws Exception {
        for (int i = 0; i < count; i++) {
            String value = prefix + "-" + i;
            producer.send(new ProducerRecord<>(topic, value, value)).get();
            sent.add(value);
        }
    }

    private static List<String> readAll(EmbeddedKafkaCluster cluster, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < 200 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
