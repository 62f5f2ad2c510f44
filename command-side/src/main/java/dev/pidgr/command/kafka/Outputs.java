package dev.pidgr.command.kafka;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.Tracing;
import dev.pidgr.events.v1.CommandResult;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything one command processor writes: events, results and dead letters, each to its sink. Events and
 * results carry the current span's trace context (the command's handling, {@link CommandSpans}) when tracing is on.
 * Values are already serialized, so their sizes were checked before anything was written.
 */
final class Outputs {

    /** Why a record was dead-lettered (on the dead-letter copy). */
    static final String ERROR_HEADER = "pidgr-error";
    /** Where the dead-lettered record came from: {@code topic/partition@offset}. */
    static final String ERROR_SOURCE_HEADER = "pidgr-error-source";

    private final ProcessorContext<String, byte[]> context;
    private final String eventsSink;
    private final String resultsSink;
    private final String deadLetterSink;

    Outputs(ProcessorContext<String, byte[]> context, String eventsSink, String resultsSink, String deadLetterSink) {
        this.context = context;
        this.eventsSink = eventsSink;
        this.resultsSink = resultsSink;
        this.deadLetterSink = deadLetterSink;
    }

    void event(OutRecord event, long timestamp) {
        context.forward(new Record<>(event.key(), event.value(), timestamp, Tracing.inject(event.headers())),
                eventsSink);
    }

    void result(CommandResult result, long timestamp) {
        Headers headers = EventHeaders.of(result, Ids.uuid5("result:" + result.getCommandId()));
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(result.getCommandId()));
        Tracing.inject(headers);
        context.forward(new Record<>(result.getCommandId(), result.toByteArray(), timestamp, headers), resultsSink);
    }

    /** Parks a record on the dead-letter topic: original key, bytes and headers, plus why and whence. */
    void deadLetter(Raw raw, String error, long timestamp) {
        RecordHeaders headers = new RecordHeaders(raw.headers().toArray());
        headers.add(ERROR_HEADER, error.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_SOURCE_HEADER, raw.source().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(raw.key(), raw.value(), timestamp, headers), deadLetterSink);
    }

    /** An event ready to forward: key, serialized envelope, headers. */
    record OutRecord(String key, byte[] value, Headers headers) {
    }

    /** A command record as it arrived (or as it was re-read from the parking lot). */
    record Raw(String key, byte[] value, Headers headers, String source) {
    }
}
