package dev.pidgr.faults.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.pidgr.contract.EventHeaders;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes bad records onto a topic the way a broken or rogue producer would: garbage bytes, a valid
 * envelope whose payload this version does not know (field 99), and such an envelope as large as
 * the topic's {@code max.message.bytes} allows. Each carries a {@code fault-poison} header naming it.
 */
public final class PoisonProducer implements AutoCloseable {

    public static final String HEADER = "fault-poison";
    /** Field number of the payload no version of the schema has (yet). */
    private static final int UNKNOWN_FIELD = 99;
    /** Room for the batch and record overhead, key and headers, under the topic's limit. */
    private static final int OVERHEAD = 512;

    /** One poison record as written. */
    public record Poison(
            String topic,
            String kind,
            String key,
            String commandId,
            int partition,
            long offset,
            int size,
            String sha256) {
        public String label() {
            return topic + "/" + kind;
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final Random random = new Random(42);

    public PoisonProducer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 100 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers()));
    }

    /** Bytes no protobuf parser accepts: they open with tag 0. */
    public Poison garbage(String topic, String key, String commandId) {
        byte[] value = new byte[64];
        random.nextBytes(value);
        value[0] = 0;
        return send(topic, "garbage", key, value, commandId);
    }

    /** {@code envelope} with a payload of a kind this version does not know. */
    public Poison unknownPayload(String topic, String key, Message envelope, String commandId) {
        return send(topic, "unknown payload", key, withUnknownField(envelope, 16), commandId);
    }

    /** {@code envelope} with an unknown payload that fills the record up to the topic's limit. */
    public Poison oversized(String topic, String key, Message envelope, String commandId) {
        return oversized(topic, key, envelope, commandId, 0);
    }

    /**
     * {@code envelope} with an unknown payload that fills the record up to {@code room} bytes under the topic's limit.
     */
    public Poison oversized(String topic, String key, Message envelope, String commandId, int room) {
        int target = maxMessageBytes(topic) - OVERHEAD - room;
        byte[] value = withUnknownField(envelope, target);
        value = withUnknownField(envelope, target - (value.length - target));
        return send(topic, "oversized", key, value, commandId);
    }

    private byte[] withUnknownField(Message envelope, int bytes) {
        byte[] padding = new byte[Math.max(1, bytes)];
        random.nextBytes(padding);
        UnknownFieldSet unknown = UnknownFieldSet.newBuilder().addField(UNKNOWN_FIELD,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(padding)).build()).build();
        return envelope.toBuilder().setUnknownFields(unknown).build().toByteArray();
    }

    private Poison send(String topic, String kind, String key, byte[] value, String commandId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER, EventHeaders.bytes(kind));
        if (commandId != null) {
            headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
        }
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(2, TimeUnit.MINUTES);
            return new Poison(
                    topic, kind, key, commandId, written.partition(), written.offset(), value.length, sha256(value));
        } catch (Exception e) {
            throw new IllegalStateException("could not write the " + kind + " record to " + topic, e);
        }
    }

    private int maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return Integer.parseInt(admin.describeConfigs(java.util.List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get("max.message.bytes").value());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the limit of " + topic, e);
        }
    }

    public static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
