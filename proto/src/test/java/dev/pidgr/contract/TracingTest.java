package dev.pidgr.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void off() {
        Tracing.uninstall();
    }

    @Test
    void shouldCarryARecordsTraceOnToTheRecordsWrittenUnderItsSpanWhenOn() {
        Tracing.install(OpenTelemetry.noop());
        Headers in = headers(TRACEPARENT);

        Span span = Tracing.start("pidgr command StartCampaign", SpanKind.CONSUMER, Tracing.extract(in));
        Headers out = Tracing.inject(Context.root().with(span), new RecordHeaders());

        assertThat(EventHeaders.read(out, Tracing.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(Tracing.httpHeaders(Context.root().with(span))).containsEntry("traceparent", TRACEPARENT);
    }

    @Test
    void shouldWriteNoTraceHeaderAndReadNoneWhenOff() {
        Headers in = headers(TRACEPARENT);

        Span span = Tracing.start("pidgr command StartCampaign", SpanKind.CONSUMER, Tracing.extract(in));
        Headers out = Tracing.inject(Context.root().with(span), new RecordHeaders());

        assertThat(Tracing.on()).isFalse();
        assertThat(span.getSpanContext().isValid()).isFalse();
        assertThat(out.toArray()).isEmpty();
        assertThat(Tracing.httpHeaders(Context.root().with(span))).isEmpty();
    }

    @Test
    void shouldReplaceAnEarlierTraceparentInsteadOfAddingASecond() {
        Tracing.install(OpenTelemetry.noop());
        Span span = Tracing.start("x", SpanKind.INTERNAL, Tracing.extract(headers(TRACEPARENT)));
        Headers out = headers("00-11111111111111111111111111111111-2222222222222222-01");

        Tracing.inject(Context.root().with(span), out);

        assertThat(out.headers(Tracing.TRACEPARENT)).hasSize(1);
        assertThat(EventHeaders.read(out, Tracing.TRACEPARENT)).isEqualTo(TRACEPARENT);
    }

    private static Headers headers(String traceparent) {
        Headers headers = new RecordHeaders();
        headers.add(Tracing.TRACEPARENT, EventHeaders.bytes(traceparent));
        return headers;
    }
}
