package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private final String bootstrap = SharedTestInfra.kafka().bootstrapServers();
    private final String topic = SharedTestInfra.newNamespace() + ".records";

    @Test
    void shouldDeliverProducedRecordsToAConsumer() throws Exception {
        KafkaClients.createTopic(bootstrap, topic, 1, Map.of());

        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, null)) {
            producer.send(new ProducerRecord<>(topic, "k1", "first")).get();
            producer.send(new ProducerRecord<>(topic, "k2", "second")).get();
        }

        assertThat(KafkaClients.readValues(bootstrap, topic, "read_uncommitted", 2)).containsExactly("first", "second");
    }

    @Test
    void shouldHideAbortedTransactionalRecordsFromReadCommittedConsumers() throws Exception {
        KafkaClients.createTopic(bootstrap, topic, 1, Map.of());

        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, topic + "-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "k", "aborted-2"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }

        assertThat(KafkaClients.readValues(bootstrap, topic, "read_uncommitted", 3))
                .containsExactly("aborted-1", "aborted-2", "committed");
        assertThat(KafkaClients.readValues(bootstrap, topic, "read_committed", 1)).containsExactly("committed");
    }

    @Test
    void shouldAccept64MiBRecordsOnATopicThatAllowsThem() throws Exception {
        int recordBytes = 64 * 1024 * 1024;
        int limit = recordBytes + 64 * 1024;
        KafkaClients.createTopic(bootstrap, topic, 1, Map.of("max.message.bytes", String.valueOf(limit)));
        byte[] value = new byte[recordBytes];
        new Random(42).nextBytes(value);

        try (KafkaProducer<String, byte[]> producer = KafkaClients.bigRecordProducer(bootstrap, limit)) {
            producer.send(new ProducerRecord<>(topic, "big", value)).get();
        }

        ConsumerRecord<String, byte[]> record = KafkaClients.readFirstBytes(bootstrap, topic);
        assertThat(record.key()).isEqualTo("big");
        assertThat(record.value()).isEqualTo(value);
    }

    @Test
    void shouldKeepTopicsRecordsAndClusterIdAcrossARestart(@TempDir Path dir) throws Exception {
        long firstStart = System.nanoTime();
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            report("first start", firstStart);
            clusterId = kafka.clusterId();
            KafkaClients.createTopic(kafka.bootstrapServers(), "kept", 1, Map.of());
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), null)) {
                producer.send(new ProducerRecord<>("kept", "k", "before restart")).get();
            }
        }

        long restart = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            report("restart", restart);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(KafkaClients.topics(kafka.bootstrapServers())).contains("kept");
            assertThat(KafkaClients.readValues(kafka.bootstrapServers(), "kept", "read_committed", 1))
                    .containsExactly("before restart");
        }
    }

    private static void report(String what, long startedAt) {
        System.out.printf("EmbeddedKafka %s took %d ms%n", what, (System.nanoTime() - startedAt) / 1_000_000);
    }
}
