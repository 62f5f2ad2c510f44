package dev.pidgr.workflow.webhook;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.workflow.WorkflowSettings;
import dev.pidgr.workflow.webhook.DispatchShares.Admission;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs webhook pages off the stream threads: its own threads, and a bounded number of pages
 * accepted at once (running, waiting for a thread, or waiting for a retry), shared fairly between
 * organizations ({@link DispatchShares}). A page makes up to the configured attempts with backoff
 * (a Retry-After lengthens the wait up to the cap); before each attempt it asks the page's
 * {@link Standing}: a page whose campaign no longer wants it (cancelled, failed) reports CANCELLED
 * without calling, and a page whose dispatching task is gone stops silently (the new owner
 * dispatches it again). Every accepted page ends with its slot released and, unless it stopped, a
 * result for the {@link WebhookResultSink}, whatever an attempt throws.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final String INTERNAL_ERROR =
            "the webhook call failed with an internal error (see the workflow processor's log)";

    /** Whether a page handed over is still wanted; asked before every attempt (from the dispatcher's threads). */
    public enum Standing {
        /** Call it. */
        WANTED,
        /** Its campaign no longer wants it: report CANCELLED without calling. */
        CANCELLED,
        /** The task that handed it over closed or moved: stop silently, the new owner dispatches it again. */
        DISOWNED
    }

    /** One attempt to make: the page, its number, whether it is still wanted, and how the previous one went. */
    private record Job(WebhookCall call, int attempt, Supplier<Standing> standing, WebhookCaller.Attempt previous) {
        String organizationId() {
            return call.organizationId();
        }
    }

    private final DispatchShares<Job> shares;
    private final DispatcherThreads<Job> threads;
    private final ScheduledThreadPoolExecutor retries;
    private final ResolverPool resolvers;
    private final WebhookCaller caller;
    private final WebhookResultSink sink;
    private final Backoff backoff;
    private final int maxAttempts;
    private volatile boolean closed;

    public WebhookDispatcher(WorkflowSettings settings, WebhookResultSink sink) {
        int threadCount = settings.dispatcherThreads();
        int capacity = threadCount + settings.dispatcherQueueSize();
        int runningPerOrganization = Math.max(1, threadCount / 2);
        this.shares = new DispatchShares<>(capacity, Math.max(1, capacity / 4), runningPerOrganization);
        this.retries = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pidgr-webhook-retries");
            t.setDaemon(true);
            return t;
        });
        this.retries.setRemoveOnCancelPolicy(true);
        this.resolvers = new ResolverPool(settings.webhookResolver(), 2 * threadCount, runningPerOrganization);
        this.caller = new WebhookCaller(
                settings.allowInsecureWebhooks(),
                new WebhookHosts(settings.allowInsecureWebhooks(), resolvers),
                new WebhookSigner(settings.webhookSecret()),
                settings.webhookTimeout(),
                System::currentTimeMillis);
        this.sink = sink;
        this.backoff = new Backoff(settings.webhookBackoffBase(), settings.webhookBackoffCap(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.maxAttempts = settings.webhookMaxAttempts();
        this.threads = new DispatcherThreads<>(threadCount, shares, Job::organizationId, this::run);
    }

    /** Whether a page of the organization would be accepted now. */
    Admission admission(String organizationId) {
        return shares.admission(organizationId);
    }

    /**
     * Accepts a page unless the dispatcher, or the organization's share of it, is full (then the
     * caller offers it again later).
     *
     * @param standing whether the page is still wanted, asked before every attempt
     */
    Admission tryDispatch(WebhookCall call, Supplier<Standing> standing) {
        if (closed) {
            return Admission.FULL;
        }
        Admission admission = shares.accept(call.organizationId());
        if (admission == Admission.ACCEPTED) {
            shares.ready(call.organizationId(), new Job(call, 1, standing, null));
        }
        return admission;
    }

    private void run(Job job) {
        WebhookCall call = job.call();
        WebhookCaller.Attempt result;
        try {
            Standing standing = closed ? Standing.DISOWNED : job.standing().get();
            if (standing == Standing.DISOWNED) {
                shares.release(job.organizationId());
                return;
            }
            if (standing == Standing.CANCELLED) {
                finish(job, WebhookOutcome.WEBHOOK_OUTCOME_CANCELLED, job.attempt() - 1, job.previous());
                return;
            }
            result = caller.call(call);
        } catch (Throwable t) { // a bug or a library surprise: the page must still end, and its slot come back
            LOG.error(
                    "Webhook campaign {} step {} page {}/{} attempt {} failed unexpectedly",
                    call.campaignId(),
                    call.stepId(),
                    call.page(),
                    call.pageCount(),
                    job.attempt(),
                    t);
            result = new WebhookCaller.Attempt(WebhookCaller.Kind.FINAL, 0, INTERNAL_ERROR);
        }
        LOG.info(
                "Webhook campaign {} step {} page {}/{} attempt {}: {} {} {}",
                call.campaignId(),
                call.stepId(),
                call.page(),
                call.pageCount(),
                job.attempt(),
                result.kind(),
                result.statusCode(),
                result.error());
        conclude(job, result);
    }

    private void conclude(Job job, WebhookCaller.Attempt result) {
        switch (result.kind()) {
            case SUCCEEDED -> finish(job, WebhookOutcome.WEBHOOK_OUTCOME_SUCCEEDED, job.attempt(), result);
            case FINAL -> finish(job, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, job.attempt(), result);
            case RETRYABLE -> {
                if (job.attempt() >= maxAttempts) {
                    finish(job, WebhookOutcome.WEBHOOK_OUTCOME_FAILED, job.attempt(), result);
                } else {
                    retryLater(new Job(job.call(), job.attempt() + 1, job.standing(), result));
                }
            }
        }
    }

    private void retryLater(Job next) {
        long delay = backoff.delayMillis(next.attempt() - 1, next.previous().retryAfterMillis());
        try {
            retries.schedule(() -> shares.ready(next.organizationId(), next), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            shares.release(
                    next.organizationId()); // shutting down: the page stays pending and is dispatched after the restart
        }
    }

    /** Frees the page's slot, then publishes its result: whoever sees the result may count on the slot. */
    private void finish(Job job, WebhookOutcome outcome, int attempts, WebhookCaller.Attempt last) {
        WebhookCall call = job.call();
        shares.release(job.organizationId());
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
        } catch (Throwable t) {
            LOG.error(
                    "Webhook result of campaign {} page {} could not be published", call.campaignId(), call.page(), t);
        }
    }

    /** Stops: attempts in progress end, waiting ones are dropped (their pages stay pending in the store). */
    @Override
    public void close() {
        closed = true;
        shares.close();
        retries.shutdownNow();
        threads.stop();
        resolvers.close();
    }
}
