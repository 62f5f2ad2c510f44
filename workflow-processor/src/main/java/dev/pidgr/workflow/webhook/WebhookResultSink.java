package dev.pidgr.workflow.webhook;

import dev.pidgr.events.v1.WebhookResult;

/** Where the dispatcher reports how a page ended (in production: pidgr.workflow.webhook-results). */
@FunctionalInterface
public interface WebhookResultSink {

    void publish(WebhookResult result);
}
