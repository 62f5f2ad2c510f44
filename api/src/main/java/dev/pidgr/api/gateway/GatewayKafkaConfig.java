package dev.pidgr.api.gateway;

import dev.pidgr.contract.Limits;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The api's Kafka client settings, in one place. The timeouts are chosen so that an unreachable
 * broker shows as UNAVAILABLE within docs/api.md's 5 s instead of a hang: a send blocks at most
 * {@code max.block.ms} for metadata and expires after {@code delivery.timeout.ms}, both 4.5 s, which
 * leaves the rest of the call half a second.
 */
public final class GatewayKafkaConfig {

    static final int MAX_BLOCK_MS = 4_500;
    static final int REQUEST_TIMEOUT_MS = 4_000;
    static final int DELIVERY_TIMEOUT_MS = 4_500;

    private GatewayKafkaConfig() {
    }

    /**
     * An idempotent, acks=all producer that can carry a 64 MiB command (zstd-compressed on the wire).
     * {@code extra} (for example security settings) is applied last.
     */
    public static Map<String, Object> producer(String bootstrapServers, String clientId, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Limits.MAX_COMMAND_RECORD_BYTES);
        // The accumulator must hold at least one whole command; memory is taken only as records need it.
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * Limits.MAX_COMMAND_RECORD_BYTES);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.putAll(extra);
        return config;
    }

    /** A group-less consumer of results: manually assigned, committed records only, no offsets stored. */
    public static Map<String, Object> resultsConsumer(
            String bootstrapServers, String clientId, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Kafka's default 500 ms: a held fetch returns as soon as a result commits (the transaction's markers
        // complete it), so a shorter wait only made an idle api fetch twenty times a second (docs/operations.md).
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.putAll(extra);
        return config;
    }
}
