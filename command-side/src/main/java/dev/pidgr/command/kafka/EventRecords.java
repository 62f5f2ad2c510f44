package dev.pidgr.command.kafka;

import com.google.protobuf.Message;
import dev.pidgr.contract.EventHeaders;

/** Serializes an event envelope with its headers, refusing one that would break the public record limit. */
final class EventRecords {

    private EventRecords() {
    }

    static Outputs.OutRecord of(String key, Message envelope, String eventId) {
        byte[] value = envelope.toByteArray();
        if (value.length > Plan.MAX_EVENT_BYTES) {
            throw new IllegalStateException(EventHeaders.eventType(envelope) + " for " + key + " would be "
                    + value.length + " bytes, over the " + Plan.MAX_EVENT_BYTES + "-byte limit of public records");
        }
        return new Outputs.OutRecord(key, value, EventHeaders.of(envelope, eventId));
    }
}
