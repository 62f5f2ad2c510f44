package dev.pidgr.workflow.webhook;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookPageCalled;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.state.WebhookPage;
import dev.pidgr.workflow.state.WebhookProgress;
import dev.pidgr.workflow.state.WebhookSummary;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * CALL_WEBHOOK: the summary is taken on entry; then one page (1,000 deliveries) is built per
 * wake-up, frozen in the store (body and idempotency key) and handed to the dispatcher. The next
 * page is built only once the dispatcher took the previous one: while a page waits, the wake-up
 * comes back after {@link #PAGE_WAIT_MILLIS}, so a campaign never piles up pages nobody can send
 * yet. Results come back as input records; when every page has one the step yields
 * {@code completed}, or {@code failed} if any page failed finally.
 */
public final class CallWebhookStep implements StepRunner {

    /** How long a campaign whose page waits for the dispatcher sleeps before it looks again. */
    static final long PAGE_WAIT_MILLIS = 1_000;

    private final Deliveries deliveries;
    private final KeyValueStore<String, SendBatch> sends;
    private final KeyValueStore<String, WebhookPage> pages;
    private final WakeUps wakeUps;
    private final Outbox outbox;
    private final WebhookDispatches dispatches;

    public CallWebhookStep(Deliveries deliveries, KeyValueStore<String, SendBatch> sends, KeyValueStore<String, WebhookPage> pages,
                           WakeUps wakeUps, Outbox outbox, WebhookDispatches dispatches) {
        this.deliveries = deliveries;
        this.sends = sends;
        this.pages = pages;
        this.wakeUps = wakeUps;
        this.outbox = outbox;
        this.dispatches = dispatches;
    }

    @Override
    public Entered enter(Run run, WorkflowStep step, long now) {
        Counts counts = run.cursor().getCounts();
        WebhookSummary summary = WebhookSummary.newBuilder().setTotal(run.cursor().getAudienceSize()).setSent(counts.getCreated())
                .setDelivered(counts.getDelivered()).setRead(counts.getRead()).setAcknowledged(counts.getAcknowledged())
                .setMissed(counts.getMissed()).setFailed(0).build();
        run.cursor().getStepBuilder().setScanning(true).setWebhook(WebhookProgress.newBuilder()
                .setPageCount(WalkRules.pageCount(counts.getCreated(), WebhookBody.PAGE_SIZE)).setSummary(summary));
        wakeUps.schedule(run, now);
        return Entered.working();
    }

    @Override
    public Optional<String> wake(Run run, WorkflowStep step, long now) {
        StepState.Builder state = run.cursor().getStepBuilder();
        WebhookProgress.Builder progress = state.getWebhookBuilder();
        if (!state.getScanning() || progress.getPagesBuilt() >= progress.getPageCount()) {
            return Optional.empty();
        }
        if (dispatches.isWaiting(run.campaignId())) {
            wakeUps.schedule(run, now + PAGE_WAIT_MILLIS);
            return Optional.empty();
        }
        int page = progress.getPagesBuilt() + 1;
        List<Deliveries.Entry> entries = deliveries.page(run, state.getScanAfter(), WebhookBody.PAGE_SIZE);
        WebhookPage frozen = freeze(run, step, progress, page, entries);
        pages.put(Keys.webhookPage(run.campaignId(), step.getId(), page), frozen);
        dispatches.dispatch(call(run, step.getCallWebhook(), frozen));
        progress.setPagesBuilt(page);
        if (!entries.isEmpty()) {
            state.setScanAfter(entries.getLast().userId());
        }
        if (page < progress.getPageCount()) {
            wakeUps.schedule(run, now);
        } else {
            state.setScanning(false);
        }
        return Optional.empty();
    }

    /** A page's final result: publishes it; the step's outcome once every page has one. */
    public Optional<String> onResult(Run run, WorkflowStep step, WebhookResult result, long now) {
        String key = Keys.webhookPage(run.campaignId(), step.getId(), result.getPage());
        WebhookPage page = pages.get(key);
        if (page == null || !page.getIdempotencyKey().equals(result.getIdempotencyKey())
                || result.getOutcome() == WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED
                || result.getOutcome() == WebhookOutcome.WEBHOOK_OUTCOME_UNSPECIFIED) {
            return Optional.empty();
        }
        pages.delete(key);
        WebhookProgress.Builder progress = run.cursor().getStepBuilder().getWebhookBuilder();
        boolean failed = result.getOutcome() != WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED;
        progress.setPagesDone(progress.getPagesDone() + 1).setAnyFailed(progress.getAnyFailed() || failed);
        long at = result.hasFinishedAt() ? Timestamps.toMillis(result.getFinishedAt()) : now;
        outbox.deliveryEvent(run.nextEvent(at, step.getId(), Run.SYSTEM)
                .setWebhookPageCalled(WebhookPageCalled.newBuilder().setStepId(step.getId()).setPage(result.getPage())
                        .setPageCount(page.getPageCount()).setOutcome(result.getOutcome()).setAttempts(result.getAttempts())
                        .setLastStatusCode(result.getLastStatusCode()).setError(result.getError()))
                .build(), now);
        if (progress.getPagesDone() < progress.getPageCount()) {
            return Optional.empty();
        }
        return Optional.of(progress.getAnyFailed() ? WalkRules.FAILED : WalkRules.COMPLETED);
    }

    /** The walk stops (cancel, failure, external end): pending pages are dropped, pages in flight cancelled. */
    public void abandon(Run run) {
        StepState step = run.cursor().getStep();
        for (int page = 1; page <= step.getWebhook().getPagesBuilt(); page++) {
            pages.delete(Keys.webhookPage(run.campaignId(), step.getStepId(), page));
        }
        dispatches.cancel(run.campaignId());
    }

    /** The dispatcher request for a frozen page. */
    public static WebhookCall call(Run run, CallWebhookConfig config, WebhookPage page) {
        return new WebhookCall(run.spec().getOrganizationId(), run.campaignId(), page.getStepId(), page.getPage(), page.getPageCount(),
                page.getIdempotencyKey(), page.getBody().toByteArray(), config.getUrl(), config.getHeadersMap());
    }

    private WebhookPage freeze(Run run, WorkflowStep step, WebhookProgress.Builder progress, int page, List<Deliveries.Entry> entries) {
        SendLog sendLog = new SendLog(sends, run.campaignId());
        List<WebhookBody.Row> rows = new ArrayList<>(entries.size());
        for (Deliveries.Entry entry : entries) {
            rows.add(new WebhookBody.Row(Uuid5.deliveryId(run.campaignId(), entry.userId()), entry.userId(),
                    entry.state().getStatus(), sendLog.sentAt(entry.userId()), entry.state().getReadAt(),
                    entry.state().getAcknowledgedAt()));
        }
        WebhookBody.Header header = new WebhookBody.Header(run.campaignId(), run.spec().getName(), step.getId(),
                progress.getPageCount(), progress.getSummary());
        return WebhookPage.newBuilder().setStepId(step.getId()).setPage(page).setPageCount(progress.getPageCount())
                .setIdempotencyKey(Ids.webhookIdempotencyKey(run.campaignId(), step.getId(), page))
                .setBody(com.google.protobuf.ByteString.copyFrom(WebhookBody.page(header, page, rows)))
                .build();
    }
}
