package dev.pidgr.query.support;

import com.google.protobuf.Message;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The event topics of a fresh namespace on the shared test broker, and a transactional producer for them. */
public final class Kafka implements AutoCloseable {

    public final Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
    private final KafkaProducer<String, byte[]> producer;

    public Kafka(int partitions) throws Exception {
        try (Admin admin = Admin.create(config())) {
            admin.createTopics(List.of(
                            topic(topics.campaignEvents(), partitions),
                            topic(topics.templateEvents(), partitions),
                            topic(topics.deliveryEvents(), partitions),
                            topic(topics.deviceEvents(), partitions)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Properties p = config();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    private static NewTopic topic(Topic<?> topic, int partitions) {
        return new NewTopic(topic.name(), partitions, (short) 1).configs(topic.config());
    }

    /** bootstrap.servers of the shared broker. */
    public static Properties config() {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedTestInfra.kafka().bootstrapServers());
        return p;
    }

    /** Writes {@code events} in one committed transaction, keyed as their writers key them. */
    public <E extends Message> void send(Topic<E> topic, List<E> events, Function<E, String> key) {
        producer.beginTransaction();
        write(topic, events, key);
        producer.commitTransaction();
    }

    /** Writes raw bytes (not an event) in one committed transaction. */
    public void sendRaw(String topic, String key, byte[] value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.commitTransaction();
    }

    /** Writes {@code events} in a transaction that is then aborted: a read_committed consumer never sees them. */
    public <E extends Message> void sendAborted(Topic<E> topic, List<E> events, Function<E, String> key) {
        producer.beginTransaction();
        write(topic, events, key);
        producer.flush();
        producer.abortTransaction();
    }

    private <E extends Message> void write(Topic<E> topic, List<E> events, Function<E, String> key) {
        for (E event : events) {
            producer.send(new ProducerRecord<>(topic.name(), null, key.apply(event), event.toByteArray(),
                    EventHeaders.of(event, UUID.randomUUID().toString())));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
