package dev.pidgr.workflow.kafka;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Tracing;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything the topology writes, through its sinks, inside the task's exactly-once transaction. Delivery events,
 * pushes and commands carry the current span's trace context when tracing is on ({@link RunTraces}).
 */
public final class Outbox {

    public static final String DELIVERY_EVENTS = "delivery-events-sink";
    public static final String PUSH = "push-sink";
    public static final String COMMANDS = "campaign-commands-sink";

    private final ProcessorContext<String, Object> context;

    public Outbox(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    /** The sink of an input's dead-letter topic. */
    public static String deadLetterSink(String sourceName) {
        return sourceName + "-dlq-sink";
    }

    /** A delivery event, keyed by campaign id. */
    public void deliveryEvent(DeliveryEvent event, long timestamp) {
        context.forward(new Record<String, Object>(event.getCampaignId(), event, timestamp,
                Tracing.inject(EventHeaders.of(event, event.getEventId()))), DELIVERY_EVENTS);
    }

    /** A push request, keyed by user id. */
    public void push(PushRequest push, long timestamp) {
        context.forward(new Record<String, Object>(push.getUserId(), push, timestamp,
                Tracing.inject(EventHeaders.of(push, push.getPushId()))), PUSH);
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
