package dev.pidgr.contract;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for one protobuf message type: the record value is the message's binary encoding. */
public final class ProtobufSerde<T extends Message> implements Serde<T> {

    private final Parser<T> parser;
    private final String messageName;

    public ProtobufSerde(Parser<T> parser, String messageName) {
        this.parser = parser;
        this.messageName = messageName;
    }

    /** The full protobuf name of the value type, as in the content-type header. */
    public String messageName() {
        return messageName;
    }

    public T parse(byte[] bytes) {
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("not a valid " + messageName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : value.toByteArray();
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : parse(bytes);
    }
}
