package dev.pidgr.workflow.webhook;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.workflow.state.WebhookPage;
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
        Map<String, String> headers) {

    public WebhookCall {
        headers = Map.copyOf(headers);
    }

    /** The call for a page frozen in the store, to the step's URL with its headers. */
    public static WebhookCall of(String organizationId, String campaignId, CallWebhookConfig config, WebhookPage page) {
        return new WebhookCall(organizationId, campaignId, page.getStepId(), page.getPage(), page.getPageCount(),
                page.getIdempotencyKey(), page.getBody().toByteArray(), config.getUrl(), config.getHeadersMap());
    }

    @Override
    public String toString() {
        return "WebhookCall[organization=" + organizationId + ", campaign=" + campaignId + ", step=" + stepId
                + ", page=" + page + "/" + pageCount + "]";
    }
}
