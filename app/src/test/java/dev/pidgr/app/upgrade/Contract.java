package dev.pidgr.app.upgrade;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** pidgr's topics by their names without a namespace, and how their records read and compare. */
final class Contract {

    static final Topics TOPICS = Topics.standard();
    private static final Map<String, Topic<?>> BY_NAME =
            TOPICS.all().stream().collect(Collectors.toMap(Topic::name, Function.identity()));
    /** Headers whose values differ on every run by design: W3C trace context carries fresh span ids. */
    private static final Set<String> RANDOM_HEADERS = Set.of("traceparent", "tracestate");

    private Contract() {
    }

    /** The envelope of every topic. */
    static Collection<Descriptor> envelopes() {
        return TOPICS.all().stream().map(t -> parse(t.name(), new byte[0]).getDescriptorForType()).toList();
    }

    static Message parse(StreamRecord record) {
        return parse(record.topic(), record.value());
    }

    private static Message parse(String topic, byte[] value) {
        return BY_NAME.get(topic).valueSerde().parse(value);
    }

    /**
     * The record as this test compares it: key, headers and value as JSON, with every timestamp
     * cleared (the workflow processor stamps what it does with its clock, and the commands it writes
     * carry that clock as issued_at, from which the command side stamps its events) and the random
     * headers of {@link #RANDOM_HEADERS} left out, as is a webhook result's record id (the dispatcher
     * draws a random one: the result is no event, nothing is keyed by it).
     */
    static String normalised(StreamRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.key()));
        boolean webhookResult = record.topic().equals(TOPICS.webhookResults().name());
        for (StreamRecord.Header header : record.headers()) {
            if (!RANDOM_HEADERS.contains(header.key())
                    && !(webhookResult && header.key().equals("pidgr-event-id"))) {
                line.append(' ').append(header.key()).append('=').append(header.value());
            }
        }
        try {
            return line.append(' ').append(shortened(JsonFormat.printer().omittingInsignificantWhitespace()
                    .print(withoutTimestamps(parse(record))))).toString();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A long value (an audience of 1 MB) as its start and a hash of the whole, so that a difference reads. */
    private static String shortened(String json) {
        if (json.length() <= 2000) {
            return json;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return json.substring(0, 500) + "... (" + json.length() + " characters, sha-256 "
                    + HexFormat.of().formatHex(hash) + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message withoutTimestamps(Message message) {
        Message.Builder builder = message.toBuilder();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor f = field.getKey();
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
                builder.clearField(f);
            } else if (f.isRepeated()) {
                builder.clearField(f);
                ((List<?>) field.getValue()).forEach(v -> builder.addRepeatedField(f, withoutTimestamps((Message) v)));
            } else {
                builder.setField(f, withoutTimestamps((Message) field.getValue()));
            }
        }
        return builder.build();
    }
}
