package dev.pidgr.workflow.step;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookPageCalled;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepCall;
import dev.pidgr.workflow.run.StepDecision;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.state.WebhookPage;
import dev.pidgr.workflow.state.WebhookProgress;
import dev.pidgr.workflow.state.WebhookSummary;
import dev.pidgr.workflow.webhook.WebhookBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CALL_WEBHOOK: the summary is taken on entry; then one page (1,000 deliveries) is built per wake-up, frozen
 * (body and idempotency key) and handed to the dispatcher. The next page is built only once the dispatcher took
 * the previous one: while a page waits, the step looks again after {@link #PAGE_WAIT_MILLIS}, so a campaign never
 * piles up pages nobody can send yet. Results come back as input records; when every page has one the step yields
 * {@code completed}, or {@code failed} if any page failed finally.
 */
final class CallWebhookStep implements StepRunner {

    /** How long a campaign whose page waits for the dispatcher sleeps before it looks again. */
    static final long PAGE_WAIT_MILLIS = 1_000;

    @Override
    public StepDecision enter(StepCall call) {
        Cursor cursor = call.run().cursor();
        Counts counts = cursor.getCounts();
        WebhookSummary summary = WebhookSummary.newBuilder().setTotal(cursor.getAudienceSize())
                .setSent(counts.getCreated()).setDelivered(counts.getDelivered()).setRead(counts.getRead())
                .setAcknowledged(counts.getAcknowledged()).setMissed(counts.getMissed()).setFailed(counts.getFailed())
                .build();
        int pageCount = WalkRules.pageCount(counts.getCreated(), WebhookBody.PAGE_SIZE);
        WebhookProgress progress = WebhookProgress.newBuilder().setPageCount(pageCount).setSummary(summary).build();
        Run building = call.run().with(cursor.toBuilder().setStep(cursor.getStep().toBuilder().setScanning(true)
                .setWebhook(progress)).build());
        return StepDecision.wakeAt(building, call.now());
    }

    @Override
    public StepDecision wake(StepCall call) {
        StepState state = call.state();
        WebhookProgress progress = state.getWebhook();
        Run run = call.run();
        if (!state.getScanning() || progress.getPagesBuilt() >= progress.getPageCount()) {
            return StepDecision.waits(new Effects(run).decide());
        }
        if (call.reads().pageWaiting(run.campaignId())) {
            return StepDecision.wakeAt(run, call.now() + PAGE_WAIT_MILLIS);
        }
        int page = progress.getPagesBuilt() + 1;
        List<Sweeps.Entry> entries = Sweeps.page(run, call.reads(), state.getScanAfter(), WebhookBody.PAGE_SIZE);
        Effects effects = new Effects(run).add(new Effect.SendPage(freeze(call, page, entries),
                call.step().getCallWebhook()));
        Cursor.Builder cursor = run.cursor().toBuilder();
        StepState.Builder next = cursor.getStepBuilder();
        next.getWebhookBuilder().setPagesBuilt(page);
        if (!entries.isEmpty()) {
            next.setScanAfter(entries.getLast().userId());
        }
        if (page < progress.getPageCount()) {
            return StepDecision.wakeAt(effects.decide(cursor), call.now());
        }
        next.setScanning(false);
        return StepDecision.waits(effects.decide(cursor));
    }

    /** A page's final result: recorded; the step's outcome once every page has one. */
    @Override
    public Optional<StepDecision> webhookResult(StepCall call, WebhookResult result) {
        Run run = call.run();
        Optional<WebhookPage> page = call.reads().webhookPage(run.campaignId(), call.step().getId(), result.getPage())
                .filter(p -> p.getIdempotencyKey().equals(result.getIdempotencyKey()));
        if (page.isEmpty() || result.getOutcome() == WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED
                || result.getOutcome() == WebhookOutcome.WEBHOOK_OUTCOME_UNSPECIFIED) {
            return Optional.empty();
        }
        Cursor.Builder cursor = run.cursor().toBuilder();
        WebhookProgress.Builder progress = cursor.getStepBuilder().getWebhookBuilder();
        boolean failed = result.getOutcome() != WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED;
        progress.setPagesDone(progress.getPagesDone() + 1).setAnyFailed(progress.getAnyFailed() || failed);
        long at = result.hasFinishedAt() ? Timestamps.toMillis(result.getFinishedAt()) : call.now();
        WebhookPageCalled.Builder called = WebhookPageCalled.newBuilder().setStepId(call.step().getId())
                .setPage(result.getPage()).setPageCount(page.get().getPageCount()).setOutcome(result.getOutcome())
                .setAttempts(result.getAttempts()).setLastStatusCode(result.getLastStatusCode())
                .setError(result.getError());
        Effects effects = new Effects(run).add(new Effect.DropPage(call.step().getId(), result.getPage()))
                .emit(DeliveryEvent.newBuilder().setWebhookPageCalled(called), at, call.step().getId());
        if (progress.getPagesDone() < progress.getPageCount()) {
            return Optional.of(StepDecision.continues(effects.decide(cursor)));
        }
        effects.add(new Effect.StopCalls());
        Outcome outcome = progress.getAnyFailed() ? Outcome.FAILED : Outcome.COMPLETED;
        return Optional.of(StepDecision.finished(effects.decide(cursor), outcome));
    }

    private static WebhookPage freeze(StepCall call, int page, List<Sweeps.Entry> entries) {
        Run run = call.run();
        WebhookProgress progress = call.state().getWebhook();
        SendTimes sendTimes = new SendTimes(call.reads().sendLog(run.campaignId()));
        List<WebhookBody.Row> rows = new ArrayList<>(entries.size());
        for (Sweeps.Entry entry : entries) {
            rows.add(new WebhookBody.Row(Ids.deliveryId(run.campaignId(), entry.userId()), entry.userId(),
                    entry.state().getStatus(), sendTimes.sentAt(entry.userId()), entry.state().getReadAt(),
                    entry.state().getAcknowledgedAt()));
        }
        String stepId = call.step().getId();
        WebhookBody.Header header = new WebhookBody.Header(run.campaignId(), run.spec().getName(), stepId,
                progress.getPageCount(), progress.getSummary());
        return WebhookPage.newBuilder().setStepId(stepId).setPage(page).setPageCount(progress.getPageCount())
                .setIdempotencyKey(Ids.webhookIdempotencyKey(run.campaignId(), stepId, page))
                .setBody(ByteString.copyFrom(WebhookBody.page(header, page, rows)))
                .build();
    }
}
