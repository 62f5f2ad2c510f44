package dev.pidgr.app.upgrade;

import dev.pidgr.contract.Limits;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * pidgr's topics under a fresh namespace on the shared embedded broker: writes stream records into
 * them and reads back, committed only, everything every topic holds (records carry the topic's name
 * without the namespace, as the recording does).
 */
final class Namespace implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(90);

    final String bootstrap = SharedTestInfra.kafka().bootstrapServers();
    final Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> reader;
    private final List<StreamRecord> read = new ArrayList<>();
    /** Per partition, the offset after its last record read (markers of transactions not counted). */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Admin admin;

    Namespace(int partitions) throws Exception {
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        TopicAdmin.ensureTopics(admin, topics, partitions, (short) 1);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Limits.MAX_COMMAND_RECORD_BYTES),
                new StringSerializer(), new ByteArraySerializer());
        reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitionsRead = new ArrayList<>();
        for (Topic<?> topic : topics.all()) {
            reader.partitionsFor(topic.name(), WAIT)
                    .forEach(p -> partitionsRead.add(new TopicPartition(p.topic(), p.partition())));
        }
        reader.assign(partitionsRead);
        reader.seekToBeginning(partitionsRead);
    }

    /** Writes a record to its topic in this namespace and waits until Kafka acknowledged it. */
    void write(StreamRecord record) throws Exception {
        ProducerRecord<String, byte[]> out =
                new ProducerRecord<>(topics.prefix() + record.topic(), record.key(), record.value());
        record.headers().forEach(h -> out.headers().add(h.key(),
                h.value() == null ? null : h.value().getBytes(StandardCharsets.UTF_8)));
        producer.send(out).get();
    }

    /** Every record read so far, reading on until {@code done} holds (failing after a generous wait). */
    List<StreamRecord> readUntil(String what, Predicate<List<StreamRecord>> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(read)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not within " + WAIT.toSeconds() + " s: " + what + "; read: " + Streams.summary(read));
            }
            poll();
        }
        return List.copyOf(read);
    }

    /** Every committed record, up to each partition's end now: call with nothing left running. */
    List<StreamRecord> readAll() {
        Map<TopicPartition, Long> ends = reader.endOffsets(reader.assignment());
        while (ends.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            poll();
        }
        return List.copyOf(read);
    }

    /**
     * Waits until the consumer group {@code group} has committed, on every partition of {@code inputs},
     * an offset past every record written there so far: the role has processed all of it.
     */
    void awaitConsumed(String group, List<Topic<?>> inputs) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!consumed(group, inputs)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " did not consume everything within " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    private boolean consumed(String group, List<Topic<?>> inputs) throws Exception {
        readAll();
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return next.entrySet().stream()
                .filter(e -> inputs.stream().anyMatch(t -> t.name().equals(e.getKey().topic())))
                .allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
            next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            List<StreamRecord.Header> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(new StreamRecord.Header(h.key(),
                        h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
            }
            read.add(StreamRecord.record(0, false, r.topic().substring(topics.prefix().length()), r.key(),
                    headers, r.value()));
        }
    }

    @Override
    public void close() {
        producer.close();
        reader.close();
        admin.close();
    }
}
