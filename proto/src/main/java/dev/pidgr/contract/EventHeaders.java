package dev.pidgr.contract;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every record on our topics carries, so consumers can route and skip records without
 * parsing them: {@code pidgr-event-type} (the payload's message name, e.g. {@code CampaignStarted}),
 * {@code pidgr-event-id} (a UUID) and {@code content-type}. Commands also carry {@code pidgr-command-id},
 * so even an unreadable command can be answered.
 */
public final class EventHeaders {

    public static final String EVENT_TYPE = "pidgr-event-type";
    public static final String EVENT_ID = "pidgr-event-id";
    public static final String CONTENT_TYPE = "content-type";
    public static final String COMMAND_ID = "pidgr-command-id";

    private EventHeaders() {
    }

    /** Headers for an envelope whose payload is the set field of its oneof named "payload" (or "kind", "outcome"). */
    public static Headers of(Message envelope, String eventId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE, bytes(eventType(envelope)));
        headers.add(EVENT_ID, bytes(eventId));
        headers.add(CONTENT_TYPE, bytes(contentType(envelope)));
        return headers;
    }

    /** {@code application/x-protobuf; proto=<full message name>}. */
    public static String contentType(Message message) {
        return "application/x-protobuf; proto=" + message.getDescriptorForType().getFullName();
    }

    /**
     * The event type of an envelope: the message name of the field set in its first oneof
     * ({@code CampaignEvent{started}} gives {@code CampaignStarted}); for a message without a oneof,
     * its own name.
     */
    public static String eventType(Message envelope) {
        for (OneofDescriptor oneof : envelope.getDescriptorForType().getRealOneofs()) {
            FieldDescriptor set = envelope.getOneofFieldDescriptor(oneof);
            if (set == null) {
                return "Unknown";
            }
            return set.getType() == FieldDescriptor.Type.MESSAGE ? set.getMessageType().getName() : set.getName();
        }
        return envelope.getDescriptorForType().getName();
    }

    /** A header's value as a string, or null when absent. */
    public static String read(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
