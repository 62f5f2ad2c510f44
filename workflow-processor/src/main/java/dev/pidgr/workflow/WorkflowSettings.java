package dev.pidgr.workflow;

import dev.pidgr.workflow.webhook.WebhookResolver;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the workflow processor can be tuned with, in one place. {@link #defaults()} gives the
 * values of docs/api.md, "Webhook calls" (5 s per webhook attempt, 5 attempts, backoff from 1 s capped at 60 s) and the
 * fan-out batch sizes that were measured to work well on a small machine; tests shorten the
 * timings with the {@code with...} methods.
 *
 * @param allowInsecureWebhooks    plain http and local/private targets allowed (dev mode)
 * @param webhookSecret            the HMAC-SHA256 key of X-Pidgr-Signature; required, never logged
 * @param webhookTimeout           the timeout of one attempt
 * @param webhookBackoffBase       the delay before the second attempt (doubles, with jitter)
 * @param webhookBackoffCap        the longest delay between attempts
 * @param webhookMaxAttempts       attempts per page
 * @param webhookResolver          turns a webhook host into addresses (injectable for tests); runs on
 *                                 2 x dispatcherThreads lookup threads, within each attempt's timeout
 * @param dispatcherThreads        threads making webhook calls; one organization runs at most half
 *                                 of them (at least one), and has as many DNS lookups at most
 * @param dispatcherQueueSize      pages accepted beyond the threads (waiting for a thread or a retry);
 *                                 one organization holds at most a quarter of threads + queue (at
 *                                 least one); more wait in their stream task and are offered again
 * @param batchMembers             members per batch (fan-out, reminders, missed marking)
 * @param batchBytes               rendered bytes per fan-out batch (reminders: bytes of their pushes)
 * @param punctuationInterval      how often due wake-ups are looked for (wall clock)
 * @param maxWakeUpsPerPunctuation wake-ups handled per punctuation; the rest wait for the next
 * @param webhookProducerConfig    producer settings for the webhook results (bootstrap.servers
 *                                 comes from the Streams config when absent)
 */
public record WorkflowSettings(
        boolean allowInsecureWebhooks,
        byte[] webhookSecret,
        Duration webhookTimeout,
        Duration webhookBackoffBase,
        Duration webhookBackoffCap,
        int webhookMaxAttempts,
        WebhookResolver webhookResolver,
        int dispatcherThreads,
        int dispatcherQueueSize,
        int batchMembers,
        int batchBytes,
        Duration punctuationInterval,
        int maxWakeUpsPerPunctuation,
        Map<String, Object> webhookProducerConfig) {

    public WorkflowSettings {
        webhookSecret = webhookSecret.clone();
        webhookProducerConfig = Map.copyOf(webhookProducerConfig);
        if (webhookMaxAttempts < 1 || dispatcherThreads < 1 || dispatcherQueueSize < 0 || batchMembers < 1
                || batchBytes < 1 || maxWakeUpsPerPunctuation < 1) {
            throw new IllegalArgumentException("workflow settings out of range");
        }
    }

    /** docs/api.md's webhook rules, https only, no secret yet (set one with {@link #withWebhookSecret}). */
    public static WorkflowSettings defaults() {
        return new WorkflowSettings(false, new byte[0], Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(60), 5, WebhookResolver.system(), 4, 256, 2000, 1024 * 1024,
                Duration.ofMillis(10), 64, Map.of());
    }

    @Override
    public byte[] webhookSecret() {
        return webhookSecret.clone();
    }

    public WorkflowSettings withWebhookSecret(byte[] secret) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                secret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                webhookResolver,
                dispatcherThreads,
                dispatcherQueueSize,
                batchMembers,
                batchBytes,
                punctuationInterval,
                maxWakeUpsPerPunctuation,
                webhookProducerConfig);
    }

    public WorkflowSettings withAllowInsecureWebhooks(boolean allow) {
        return new WorkflowSettings(allow, webhookSecret, webhookTimeout, webhookBackoffBase, webhookBackoffCap,
                webhookMaxAttempts, webhookResolver, dispatcherThreads, dispatcherQueueSize, batchMembers, batchBytes,
                punctuationInterval, maxWakeUpsPerPunctuation, webhookProducerConfig);
    }

    public WorkflowSettings withWebhookTiming(
            Duration timeout, Duration backoffBase, Duration backoffCap, int maxAttempts) {
        return new WorkflowSettings(allowInsecureWebhooks, webhookSecret, timeout, backoffBase, backoffCap,
                maxAttempts, webhookResolver, dispatcherThreads, dispatcherQueueSize, batchMembers, batchBytes,
                punctuationInterval, maxWakeUpsPerPunctuation, webhookProducerConfig);
    }

    public WorkflowSettings withWebhookResolver(WebhookResolver resolver) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                webhookSecret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                resolver,
                dispatcherThreads,
                dispatcherQueueSize,
                batchMembers,
                batchBytes,
                punctuationInterval,
                maxWakeUpsPerPunctuation,
                webhookProducerConfig);
    }

    public WorkflowSettings withDispatcher(int threads, int queueSize) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                webhookSecret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                webhookResolver,
                threads,
                queueSize,
                batchMembers,
                batchBytes,
                punctuationInterval,
                maxWakeUpsPerPunctuation,
                webhookProducerConfig);
    }

    public WorkflowSettings withBatches(int members, int bytes) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                webhookSecret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                webhookResolver,
                dispatcherThreads,
                dispatcherQueueSize,
                members,
                bytes,
                punctuationInterval,
                maxWakeUpsPerPunctuation,
                webhookProducerConfig);
    }

    public WorkflowSettings withPunctuation(Duration interval, int maxWakeUps) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                webhookSecret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                webhookResolver,
                dispatcherThreads,
                dispatcherQueueSize,
                batchMembers,
                batchBytes,
                interval,
                maxWakeUps,
                webhookProducerConfig);
    }

    public WorkflowSettings withWebhookProducerConfig(Map<String, Object> config) {
        return new WorkflowSettings(
                allowInsecureWebhooks,
                webhookSecret,
                webhookTimeout,
                webhookBackoffBase,
                webhookBackoffCap,
                webhookMaxAttempts,
                webhookResolver,
                dispatcherThreads,
                dispatcherQueueSize,
                batchMembers,
                batchBytes,
                punctuationInterval,
                maxWakeUpsPerPunctuation,
                config);
    }

    @Override
    public String toString() {
        return "WorkflowSettings[allowInsecureWebhooks=" + allowInsecureWebhooks + ", webhookSecret=("
                + webhookSecret.length
                + " bytes), webhookTimeout=" + webhookTimeout + ", backoff=" + webhookBackoffBase + ".."
                + webhookBackoffCap
                + ", attempts=" + webhookMaxAttempts + ", dispatcher=" + dispatcherThreads + "/" + dispatcherQueueSize
                + ", batch=" + batchMembers + "/" + batchBytes + "B, punctuation=" + punctuationInterval + "]";
    }
}
