package dev.pidgr.command.kafka;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The span of one command's handling, under the trace context its record carries (the api call's); the
 * events and the result written while it is current carry it on ({@link Outputs}). A no-op when tracing is off.
 */
final class CommandSpans {

    private CommandSpans() {
    }

    static Span start(Record<String, byte[]> record, String keyAttribute) {
        String type = EventHeaders.read(record.headers(), EventHeaders.EVENT_TYPE);
        return Tracing.start("pidgr command " + (type == null ? "Unknown" : type), SpanKind.CONSUMER,
                        Tracing.extract(record.headers()))
                .setAttribute(keyAttribute, record.key() == null ? "" : record.key());
    }
}
