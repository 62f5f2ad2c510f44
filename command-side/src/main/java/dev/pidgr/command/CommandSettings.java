package dev.pidgr.command;

import java.time.Duration;
import java.util.Objects;

/**
 * What a deployment may tune on the command side.
 *
 * @param allowInsecureWebhooks     accept http webhook URLs and loopback/private literal hosts (dev mode)
 * @param templateLookupGrace       how long after its issued_at a campaign command whose template is not
 *                                  (yet) in the lookup catalog waits for it before FAILED_PRECONDITION
 * @param idempotencyTtl            how long an idempotency key is remembered (wall clock)
 * @param parkingRetryInterval      how often waiting commands check whether the template they wait for
 *                                  arrived, and whether their grace period ended (wall clock)
 * @param idempotencyPurgeInterval  how often expired idempotency keys are purged (wall clock)
 */
public record CommandSettings(boolean allowInsecureWebhooks, Duration templateLookupGrace, Duration idempotencyTtl,
                              Duration parkingRetryInterval, Duration idempotencyPurgeInterval) {

    public CommandSettings {
        Objects.requireNonNull(templateLookupGrace, "templateLookupGrace");
        Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
        requirePositive(parkingRetryInterval, "parkingRetryInterval");
        requirePositive(idempotencyPurgeInterval, "idempotencyPurgeInterval");
    }

    /** Production defaults: https-only webhooks, 2 s grace, 24 h idempotency, waiting commands checked every 50 ms, purge every minute. */
    public static CommandSettings defaults() {
        return new CommandSettings(false, Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMillis(50),
                Duration.ofMinutes(1));
    }

    public CommandSettings withAllowInsecureWebhooks(boolean allow) {
        return new CommandSettings(allow, templateLookupGrace, idempotencyTtl, parkingRetryInterval, idempotencyPurgeInterval);
    }

    public CommandSettings withTemplateLookupGrace(Duration grace) {
        return new CommandSettings(allowInsecureWebhooks, grace, idempotencyTtl, parkingRetryInterval, idempotencyPurgeInterval);
    }

    public CommandSettings withIdempotencyTtl(Duration ttl) {
        return new CommandSettings(allowInsecureWebhooks, templateLookupGrace, ttl, parkingRetryInterval, idempotencyPurgeInterval);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
