package dev.pidgr.contract;

import com.google.protobuf.Message;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One Kafka topic: its full name (namespace prefix included), its value serde and the topic-level
 * configuration it is created with. Keys are always UTF-8 strings (an aggregate id or a user id).
 */
public record Topic<V extends Message>(String name, ProtobufSerde<V> valueSerde, Map<String, String> config) {

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    @Override
    public String toString() {
        return name;
    }
}
