package dev.pidgr.workflow.webhook;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.Runs;
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
 * The processor's side of webhook calls: results coming back from the dispatcher, and pages that
 * were pending when the task last stopped (dispatched again on start: at least once, same body
 * and key).
 */
public final class WebhookResultHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookResultHandler.class);

    private final Runs runs;
    private final Walker walker;
    private final CallWebhookStep step;
    private final KeyValueStore<String, WebhookPage> pages;
    private final WebhookDispatches dispatches;
    private final CancelledCampaigns cancelled;

    public WebhookResultHandler(Runs runs, Walker walker, CallWebhookStep step, KeyValueStore<String, WebhookPage> pages,
                                WebhookDispatches dispatches, CancelledCampaigns cancelled) {
        this.runs = runs;
        this.walker = walker;
        this.step = step;
        this.pages = pages;
        this.dispatches = dispatches;
        this.cancelled = cancelled;
    }

    /** A page's final result: recorded; the step ends when every page has one. */
    public void handle(WebhookResult result, long now) {
        Optional<Run> run = runs.load(result.getCampaignId());
        Optional<WorkflowStep> current = run.flatMap(walker::current)
                .filter(s -> s.getType() == StepType.STEP_TYPE_CALL_WEBHOOK && s.getId().equals(result.getStepId()));
        if (current.isEmpty()) {
            LOG.info("Campaign {}: webhook result for step {} page {} that is not pending, ignored", result.getCampaignId(),
                    result.getStepId(), result.getPage());
            return;
        }
        step.onResult(run.get(), current.get(), result, now).ifPresent(outcome -> walker.finishCurrent(run.get(), outcome, now));
        runs.save(run.get());
    }

    /** After a restart or a rebalance: pages frozen but without a result are dispatched again; stale ones dropped. */
    public void redispatchPending() {
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, WebhookPage> it = pages.all()) {
            while (it.hasNext()) {
                KeyValue<String, WebhookPage> page = it.next();
                String campaignId = page.key.substring(0, page.key.indexOf('/'));
                Optional<Run> run = runs.load(campaignId);
                Optional<WorkflowStep> current = run.flatMap(walker::current).filter(s -> s.getId().equals(page.value.getStepId()));
                if (current.isPresent()) {
                    LOG.info("Campaign {}: webhook page {} of step {} dispatched again after a restart", campaignId,
                            page.value.getPage(), page.value.getStepId());
                    dispatches.dispatch(CallWebhookStep.call(run.get(), current.get().getCallWebhook(), page.value));
                } else {
                    cancelled.cancel(campaignId);
                    stale.add(page.key);
                }
            }
        }
        stale.forEach(pages::delete);
    }
}
