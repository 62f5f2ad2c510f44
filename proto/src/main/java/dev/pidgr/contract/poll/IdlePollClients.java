package dev.pidgr.contract.poll;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams' clients, with the stream threads' and the global thread's consumers polling by
 * {@link IdlePoll#DEFAULT}: short while the thread works, Streams' default 100 ms when it is quiet.
 * The roles name it in {@code default.client.supplier} ({@link #CONFIG}); the producer and the
 * restore consumer are Kafka's own (docs/operations.md, "Idle CPU").
 */
public final class IdlePollClients implements KafkaClientSupplier {

    /** The Streams setting that selects this supplier. */
    public static final Map<String, Object> CONFIG =
            Map.of(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, IdlePollClients.class);

    /** Kafka Streams refuses a supplier that leaves this to the interface's default (which throws). */
    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new IdlePollConsumer(config, IdlePoll.DEFAULT, System::nanoTime);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new IdlePollConsumer(config, IdlePoll.DEFAULT, System::nanoTime);
    }
}
