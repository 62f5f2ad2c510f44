package dev.pidgr.workflow.webhook;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.workflow.state.WebhookPage;
import io.opentelemetry.context.Context;
import java.util.Map;

/**
 * One webhook page to deliver: whose (the organization shares the dispatcher fairly with the
 * others), where, with which extra headers, and the body and idempotency key frozen at its first
 * attempt.
 */
public record WebhookCall(
        String organizationId,
        String campaignId,
        String stepId,
        int page,
        int pageCount,
        String idempotencyKey,
        byte[] body,
        String url,
        Map<String, String> headers,
        Context trace) {

    public WebhookCall {
        headers = Map.copyOf(headers);
    }

    /** A call outside any trace. */
    public WebhookCall(String organizationId, String campaignId, String stepId, int page, int pageCount,
                       String idempotencyKey, byte[] body, String url, Map<String, String> headers) {
        this(organizationId, campaignId, stepId, page, pageCount, idempotencyKey, body, url, headers, Context.root());
    }

    /**
     * The call for a page frozen in the store, to the step's URL with its headers, in the current trace context
     * (the wake-up that sent the page, when tracing is on).
     */
    public static WebhookCall of(String organizationId, String campaignId, CallWebhookConfig config, WebhookPage page) {
        return new WebhookCall(organizationId, campaignId, page.getStepId(), page.getPage(), page.getPageCount(),
                page.getIdempotencyKey(), page.getBody().toByteArray(), config.getUrl(), config.getHeadersMap(),
                Context.current());
    }

    @Override
    public String toString() {
        return "WebhookCall[organization=" + organizationId + ", campaign=" + campaignId + ", step=" + stepId
                + ", page=" + page + "/" + pageCount + "]";
    }
}
