package dev.pidgr.workflow.webhook;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.WorkflowSettings;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs webhook pages off the stream threads: its own threads, and a bounded number of pages
 * accepted at once (running, waiting for a thread, or waiting for a retry). A page makes up to
 * the configured attempts with backoff; before each attempt it checks whether its campaign was
 * cancelled (then it reports CANCELLED without calling) and whether the task that dispatched it
 * still owns it (if not, it stops silently: the new owner dispatches the page again). The final
 * result goes to the {@link WebhookResultSink}.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final ScheduledThreadPoolExecutor executor;
    private final Semaphore slots;
    private final WebhookCaller caller;
    private final WebhookResultSink sink;
    private final CancelledCampaigns cancelled;
    private final Backoff backoff;
    private final int maxAttempts;

    public WebhookDispatcher(WorkflowSettings settings, WebhookResultSink sink, CancelledCampaigns cancelled) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(settings.dispatcherThreads(), r -> {
            Thread t = new Thread(r, "pidgr-webhook-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.slots = new Semaphore(settings.dispatcherThreads() + settings.dispatcherQueueSize());
        this.caller = new WebhookCaller(settings.allowInsecureWebhooks(), settings.webhookResolver(),
                new WebhookSigner(settings.webhookSecret()), settings.webhookTimeout(),
                () -> System.currentTimeMillis() / 1000);
        this.sink = sink;
        this.cancelled = cancelled;
        this.backoff = new Backoff(settings.webhookBackoffBase(), settings.webhookBackoffCap(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.maxAttempts = settings.webhookMaxAttempts();
    }

    /** The registry the processor tells about cancellations. */
    public CancelledCampaigns cancelled() {
        return cancelled;
    }

    /**
     * Accepts a page unless the dispatcher is full (then the caller offers it again later).
     *
     * @param stillOwned false once the dispatching task was closed or moved
     */
    public boolean tryDispatch(WebhookCall call, BooleanSupplier stillOwned) {
        if (!slots.tryAcquire()) {
            return false;
        }
        try {
            executor.execute(() -> attempt(call, 1, stillOwned, null));
            return true;
        } catch (RejectedExecutionException e) {
            slots.release();
            return false;
        }
    }

    private void attempt(WebhookCall call, int attempt, BooleanSupplier stillOwned, WebhookCaller.Attempt previous) {
        if (!stillOwned.getAsBoolean() || executor.isShutdown()) {
            slots.release();
            return;
        }
        if (cancelled.isCancelled(call.campaignId())) {
            finish(call, WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED, attempt - 1, previous);
            return;
        }
        WebhookCaller.Attempt result = caller.call(call);
        LOG.info("Webhook campaign {} step {} page {}/{} attempt {}: {} {}", call.campaignId(), call.stepId(), call.page(),
                call.pageCount(), attempt, result.kind(), result.statusCode());
        switch (result.kind()) {
            case SUCCEEDED -> finish(call, WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED, attempt, result);
            case FINAL -> finish(call, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, attempt, result);
            case RETRYABLE -> {
                if (attempt >= maxAttempts) {
                    finish(call, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, attempt, result);
                } else {
                    retryLater(call, attempt + 1, stillOwned, result);
                }
            }
        }
    }

    private void retryLater(WebhookCall call, int attempt, BooleanSupplier stillOwned, WebhookCaller.Attempt previous) {
        try {
            executor.schedule(() -> attempt(call, attempt, stillOwned, previous), backoff.delayMillis(attempt - 1),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            slots.release(); // shutting down: the page stays pending and is dispatched after the restart
        }
    }

    private void finish(WebhookCall call, WebhookOutcome outcome, int attempts, WebhookCaller.Attempt last) {
        try {
            WebhookResult.Builder result = WebhookResult.newBuilder()
                    .setCampaignId(call.campaignId())
                    .setStepId(call.stepId())
                    .setPage(call.page())
                    .setOutcome(outcome)
                    .setAttempts(attempts)
                    .setFinishedAt(Timestamps.fromMillis(System.currentTimeMillis()))
                    .setIdempotencyKey(call.idempotencyKey());
            if (last != null) {
                result.setLastStatusCode(last.statusCode()).setError(last.error());
            }
            sink.publish(result.build());
        } catch (RuntimeException e) {
            LOG.error("Webhook result of campaign {} page {} could not be published", call.campaignId(), call.page(), e);
        } finally {
            slots.release();
        }
    }

    /** Stops: attempts in progress end, waiting ones are dropped (their pages stay pending in the store). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
