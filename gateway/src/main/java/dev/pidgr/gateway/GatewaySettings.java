package dev.pidgr.gateway;

import dev.pidgr.gateway.email.EmailSettings;
import dev.pidgr.gateway.retry.RetryPolicy;
import java.time.Duration;

/**
 * The gateway's settings, read in one place (docs/configuration.md, docs/channels.md).
 *
 * @param retry attempts and backoff for transient provider failures
 * @param maxPendingPerPartition push requests of one partition in flight (not yet committed) before it is paused
 * @param email the SMTP relays
 */
public record GatewaySettings(RetryPolicy retry, int maxPendingPerPartition, EmailSettings email) {

    /** Five attempts, backoff from 1 s to 60 s, 1,000 pushes in flight per partition, no email. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60)), 1_000,
                EmailSettings.NONE);
    }

    public GatewaySettings withEmail(EmailSettings settings) {
        return new GatewaySettings(retry, maxPendingPerPartition, settings);
    }

    public GatewaySettings withRetry(RetryPolicy policy) {
        return new GatewaySettings(policy, maxPendingPerPartition, email);
    }
}
