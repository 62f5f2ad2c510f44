package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code pidgr events tail --json} prints one JSON object per record, whatever text its key and type carry. */
@ExtendWith(SharedNode.class)
class EventsTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static RunningNode node;

    @BeforeAll
    static void useSharedNode(RunningNode shared) {
        node = shared;
    }

    @Test
    void shouldEscapeKeysTypesAndParseErrorsInEveryLine() throws Exception {
        String key = "user \"" + UUID.randomUUID() + "\" \\ with\na line break\tand a tab \u0001";
        String type = "Push\"Request\\";
        produce(key, type, new byte[] {(byte) 0xff, 0x01});
        produce(null, null, new byte[0]);

        Cli.Run run = Cli.run("events", "tail", "--topic", "pidgr.notifications.push", "--from-beginning", "--json",
                "--timeout", "PT2S", "--bootstrap-servers", node.bootstrapServers(), "--namespace", node.namespace());

        assertThat(run.exit()).as(run.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.lines()) {
            lines.add(JSON.readTree(line)); // every line is one JSON object
        }
        JsonNode ours = lines.stream().filter(line -> line.get("key").asText().equals(key)).findFirst().orElseThrow();
        assertThat(ours.get("type").asText()).isEqualTo(type);
        assertThat(ours.get("value").asText()).startsWith("<unreadable: ");
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("key").isNull()).isTrue();
            assertThat(line.get("type").isNull()).isTrue();
            assertThat(line.get("value").isObject()).isTrue(); // empty bytes: a PushRequest with every field unset
        });
    }

    private static void produce(String key, String type, byte[] value) throws Exception {
        String topic = Topics.withNamespace(node.namespace()).notificationsPush().name();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            if (type != null) {
                record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(type));
            }
            producer.send(record).get();
        }
    }
}
