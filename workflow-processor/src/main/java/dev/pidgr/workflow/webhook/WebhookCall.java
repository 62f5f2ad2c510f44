package dev.pidgr.workflow.webhook;

import java.util.Map;

/**
 * One webhook page to deliver: whose (the organization shares the dispatcher fairly with the
 * others), where, with which extra headers, and the body and idempotency key frozen at its first
 * attempt.
 */
public record WebhookCall(String organizationId, String campaignId, String stepId, int page, int pageCount, String idempotencyKey,
                          byte[] body, String url, Map<String, String> headers) {

    public WebhookCall {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "WebhookCall[organization=" + organizationId + ", campaign=" + campaignId + ", step=" + stepId + ", page=" + page
                + "/" + pageCount + "]";
    }
}
