package dev.pidgr.workflow.webhook;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.kafka.Applier;
import dev.pidgr.workflow.kafka.Runs;
import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.run.Walker;
import dev.pidgr.workflow.state.WebhookPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's side of webhook calls: results coming back from the dispatcher (decided by the walker and the
 * webhook step), and pages that were pending when the task last stopped (dispatched again on start: at least once,
 * same body and key).
 */
public final class WebhookResultHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResultHandler.class);

    private final Runs runs;
    private final Walker walker;
    private final RunReader reads;
    private final Applier applier;
    private final KeyValueStore<String, WebhookPage> pages;
    private final WebhookDispatches dispatches;

    public WebhookResultHandler(Runs runs, Walker walker, RunReader reads, Applier applier,
                                KeyValueStore<String, WebhookPage> pages, WebhookDispatches dispatches) {
        this.runs = runs;
        this.walker = walker;
        this.reads = reads;
        this.applier = applier;
        this.pages = pages;
        this.dispatches = dispatches;
    }

    /** A page's final result: recorded; the step ends when every page has one. */
    public void handle(WebhookResult result, long now) {
        Optional<Run> run = runs.load(result.getCampaignId());
        Optional<Decision> decision = run.flatMap(r -> walker.webhookResult(r, result, now, reads));
        if (decision.isEmpty()) {
            LOG.info("Campaign {}: webhook result for step {} page {} that is not pending, ignored",
                    result.getCampaignId(), result.getStepId(), result.getPage());
            return;
        }
        applier.apply(run.get().cursor(), decision.get(), now);
    }

    /** After a restart or a rebalance: pages frozen but without a result are dispatched again; stale ones dropped. */
    public void redispatchPending() {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, WebhookPage> it = pages.all()) {
            while (it.hasNext()) {
                KeyValue<String, WebhookPage> page = it.next();
                Optional<WebhookCall> call = pendingCall(page.key, page.value);
                if (call.isPresent()) {
                    LOG.info("Campaign {}: webhook page {} of step {} dispatched again after a restart",
                            call.get().campaignId(), page.value.getPage(), page.value.getStepId());
                    dispatches.dispatch(call.get());
                } else {
                    stale.add(page.key);
                }
            }
        }
        stale.forEach(pages::delete);
    }

    /** A page still pending in the store, as the call to make; empty when its campaign is no longer at its step. */
    public Optional<WebhookCall> pendingCall(String pageKey) {
        WebhookPage page = pages.get(pageKey);
        return page == null ? Optional.empty() : pendingCall(pageKey, page);
    }

    private Optional<WebhookCall> pendingCall(String pageKey, WebhookPage page) {
        Optional<Run> run = runs.load(campaignOf(pageKey));
        return run.flatMap(Run::currentStep)
                .filter(s -> s.getType() == StepType.STEP_TYPE_CALL_WEBHOOK && s.getId().equals(page.getStepId()))
                .map(step -> WebhookCall.of(run.get().spec().getOrganizationId(), run.get().campaignId(),
                        step.getCallWebhook(), page));
    }

    private static String campaignOf(String pageKey) {
        return pageKey.substring(0, pageKey.indexOf('/'));
    }
}
