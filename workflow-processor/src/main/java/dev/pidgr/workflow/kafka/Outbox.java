package dev.pidgr.workflow.kafka;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Tracing;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything the topology writes, through its sinks, inside the task's exactly-once transaction. Delivery events,
 * pushes and commands carry the current span's trace context when tracing is on ({@link RunTraces}). The headers of
 * delivery events and pushes are those of {@link EventHeaders#of}, with the values that depend only on the record's
 * type computed once per type instead of once per record (a fan-out writes two records per recipient).
 */
public final class Outbox {

    public static final String DELIVERY_EVENTS = "delivery-events-sink";
    public static final String PUSH = "push-sink";
    public static final String COMMANDS = "campaign-commands-sink";

    private static final byte[] PUSH_TYPE =
            EventHeaders.bytes(EventHeaders.eventType(PushRequest.getDefaultInstance()));
    private static final byte[] PUSH_CONTENT =
            EventHeaders.bytes(EventHeaders.contentType(PushRequest.getDefaultInstance()));
    private static final byte[] EVENT_CONTENT =
            EventHeaders.bytes(EventHeaders.contentType(DeliveryEvent.getDefaultInstance()));

    private final ProcessorContext<String, Object> context;
    private final Map<DeliveryEvent.PayloadCase, byte[]> eventTypes = new EnumMap<>(DeliveryEvent.PayloadCase.class);

    public Outbox(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    /** The sink of an input's dead-letter topic. */
    public static String deadLetterSink(String sourceName) {
        return sourceName + "-dlq-sink";
    }

    /**
     * A delivery event, keyed by its campaign id (given, not read from the event: reading a field the event holds
     * as UTF-8 bytes would turn it back into text to encode again).
     */
    public void deliveryEvent(String campaignId, DeliveryEvent event, long timestamp) {
        byte[] type = eventTypes.computeIfAbsent(event.getPayloadCase(),
                payload -> EventHeaders.bytes(EventHeaders.eventType(event)));
        context.forward(new Record<String, Object>(campaignId, event, timestamp,
                Tracing.inject(headers(type, event.getEventId(), EVENT_CONTENT))), DELIVERY_EVENTS);
    }

    /** A push request, keyed by user id. */
    public void push(PushRequest push, long timestamp) {
        context.forward(new Record<String, Object>(push.getUserId(), push, timestamp,
                Tracing.inject(headers(PUSH_TYPE, push.getPushId(), PUSH_CONTENT))), PUSH);
    }

    /** {@link EventHeaders#of}'s headers, in its order. */
    private static Headers headers(byte[] eventType, String eventId, byte[] contentType) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, eventType);
        headers.add(EventHeaders.EVENT_ID, EventHeaders.bytes(eventId));
        headers.add(EventHeaders.CONTENT_TYPE, contentType);
        return headers;
    }

    /** A command to the command side, keyed by campaign id, with its pidgr-command-id header. */
    public void command(CampaignCommand command, long timestamp) {
        String commandId = command.getMetadata().getCommandId();
        Headers headers = EventHeaders.of(command, commandId);
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
        Tracing.inject(headers);
        context.forward(new Record<String, Object>(command.getCampaignId(), command, timestamp, headers), COMMANDS);
    }

    /**
     * Parks an unreadable input record, key, bytes and headers as they came, plus {@code pidgr-error}
     * (why) and {@code pidgr-error-source} ({@code topic/partition@offset}), as the command side does.
     */
    public void deadLetter(String sourceName, Record<String, byte[]> record, String sourceTopic, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        String source = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
                .orElse(sourceTopic);
        headers.add("pidgr-error", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("pidgr-error-source", source.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
                deadLetterSink(sourceName));
    }
}
