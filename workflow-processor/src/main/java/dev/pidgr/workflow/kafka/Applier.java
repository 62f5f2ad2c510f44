package dev.pidgr.workflow.kafka;

import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.WebhookPage;
import dev.pidgr.workflow.timer.WakeUps;
import dev.pidgr.workflow.webhook.WebhookCall;
import dev.pidgr.workflow.webhook.WebhookDispatches;

/**
 * Writes decisions: records through the outbox, store entries, the wake-up and the cursor, all in the task's
 * exactly-once transaction (the one place the workflow processor writes), and hands pages to the dispatcher.
 */
public final class Applier {

    private final WorkflowStores stores;
    private final Runs runs;
    private final Outbox outbox;
    private final WakeUps wakeUps;
    private final WebhookDispatches dispatches;

    public Applier(WorkflowStores stores, Runs runs, Outbox outbox, WakeUps wakeUps, WebhookDispatches dispatches) {
        this.stores = stores;
        this.runs = runs;
        this.outbox = outbox;
        this.wakeUps = wakeUps;
        this.dispatches = dispatches;
    }

    /**
     * Applies {@code decision}.
     *
     * @param before the cursor whose wake-ups (the step's and the nudge's) are stored, moved to the decision's;
     *               the default instance when none is
     * @param now    the records' timestamp
     */
    public void apply(Cursor before, Decision decision, long now) {
        Run run = decision.run();
        for (Effect effect : decision.effects()) {
            apply(run, effect, now);
        }
        wakeUps.move(run.campaignId(), before.getWakeUpAt(), run.cursor().getWakeUpAt());
        wakeUps.moveNudge(run.campaignId(), before.getNudge().getWakeUpAt(), run.cursor().getNudge().getWakeUpAt());
        runs.saveCursor(run);
    }

    private void apply(Run run, Effect effect, long now) {
        String campaignId = run.campaignId();
        switch (effect) {
            case Effect.Emit emit -> outbox.deliveryEvent(campaignId, emit.event(), now);
            case Effect.Push push -> outbox.push(push.push(), now);
            case Effect.Command command -> outbox.command(command.command(), now);
            case Effect.SetDelivery set -> stores.deliveries.put(Keys.member(campaignId, set.userId()), set.state());
            case Effect.LogSend log -> stores.sends.put(Keys.sendBatch(campaignId, log.sequence()), log.batch());
            case Effect.AddMember add -> stores.members.put(Keys.member(campaignId, add.userId()), add.member());
            case Effect.SaveSpec save -> runs.saveSpec(campaignId, save.spec());
            case Effect.SendPage send -> {
                WebhookPage page = send.page();
                stores.webhookPages.put(Keys.webhookPage(campaignId, page.getStepId(), page.getPage()), page);
                dispatches.dispatch(WebhookCall.of(run.spec().getOrganizationId(), campaignId, send.config(), page));
            }
            case Effect.DropPage drop -> stores.webhookPages.delete(Keys.webhookPage(campaignId, drop.stepId(),
                    drop.page()));
            case Effect.StopCalls stop -> dispatches.stop(campaignId);
        }
    }
}
