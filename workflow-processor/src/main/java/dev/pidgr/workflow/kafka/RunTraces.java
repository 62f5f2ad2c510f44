package dev.pidgr.workflow.kafka;

import dev.pidgr.contract.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * The workflow's spans, one per campaign event handled and one per wake-up (a fan-out batch, a timer, a
 * webhook step), never one per recipient. A campaign's wake-ups are children of the span of the campaign event
 * that started its run, remembered here in memory for the task's latest {@link #CAMPAIGNS} campaigns: after a
 * restart or a rebalance, or for a campaign forgotten since, wake-ups get no span. A no-op when tracing is off.
 */
public final class RunTraces {

    static final int CAMPAIGNS = 10_000;

    private final Map<String, Context> started = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Context> eldest) {
            return size() > CAMPAIGNS;
        }
    };

    /** The span of handling campaign event {@code type} of {@code campaignId}, under the record's trace context. */
    public Span event(String type, String campaignId, Headers headers) {
        if (!Tracing.on()) {
            return Span.getInvalid();
        }
        Span span = Tracing.start("pidgr workflow " + type, SpanKind.CONSUMER, Tracing.extract(headers))
                .setAttribute(Tracing.CAMPAIGN_ID, campaignId);
        if (span.getSpanContext().isValid()) {
            started.put(campaignId, Context.root().with(span));
        }
        return span;
    }

    /** The span of one wake-up of {@code campaignId}: none when its run's start is not remembered. */
    public Span wakeUp(String campaignId) {
        Context parent = Tracing.on() ? started.get(campaignId) : null;
        if (parent == null) {
            return Span.getInvalid();
        }
        return Tracing.start("pidgr workflow wake-up", SpanKind.INTERNAL, parent)
                .setAttribute(Tracing.CAMPAIGN_ID, campaignId);
    }

    /** Forgets a campaign whose run ended. */
    public void ended(String campaignId) {
        started.remove(campaignId);
    }
}
