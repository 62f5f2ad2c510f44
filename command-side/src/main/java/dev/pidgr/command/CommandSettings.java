package dev.pidgr.command;

import dev.pidgr.contract.Limits;
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
 * @param parkingCap                how much of the parking lot one organization's waiting commands may use
 */
public record CommandSettings(boolean allowInsecureWebhooks, Duration templateLookupGrace, Duration idempotencyTtl,
                              Duration parkingRetryInterval, Duration idempotencyPurgeInterval, ParkingCap parkingCap) {

    /**
     * One organization's share of the parking lot: at most {@code commands} commands waiting (for a
     * template, or behind a command of their campaign that waits for one) whose sizes as sent add up
     * to at most {@code bytes}. A command that would wait beyond it is answered at once.
     */
    public record ParkingCap(int commands, long bytes) {

        /** 100 commands, 128 MiB: two of the largest requests the api accepts. */
        public static final ParkingCap DEFAULT = new ParkingCap(100, 2L * Limits.MAX_REQUEST_BYTES);

        public ParkingCap {
            if (commands < 1 || bytes < 1) {
                throw new IllegalArgumentException("a parking cap must allow at least one command and one byte");
            }
        }
    }

    public CommandSettings {
        Objects.requireNonNull(templateLookupGrace, "templateLookupGrace");
        Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
        requirePositive(parkingRetryInterval, "parkingRetryInterval");
        requirePositive(idempotencyPurgeInterval, "idempotencyPurgeInterval");
        Objects.requireNonNull(parkingCap, "parkingCap");
    }

    /**
     * Production defaults: https-only webhooks, 2 s grace, 24 h idempotency, waiting commands checked every
     * 50 ms, purge every minute, {@link ParkingCap#DEFAULT}.
     */
    public static CommandSettings defaults() {
        return new CommandSettings(false, Duration.ofSeconds(2), Duration.ofHours(24), Duration.ofMillis(50),
                Duration.ofMinutes(1), ParkingCap.DEFAULT);
    }

    public CommandSettings withAllowInsecureWebhooks(boolean allow) {
        return new CommandSettings(
                allow, templateLookupGrace, idempotencyTtl, parkingRetryInterval, idempotencyPurgeInterval, parkingCap);
    }

    public CommandSettings withTemplateLookupGrace(Duration grace) {
        return new CommandSettings(
                allowInsecureWebhooks,
                grace,
                idempotencyTtl,
                parkingRetryInterval,
                idempotencyPurgeInterval,
                parkingCap);
    }

    public CommandSettings withIdempotencyTtl(Duration ttl) {
        return new CommandSettings(
                allowInsecureWebhooks,
                templateLookupGrace,
                ttl,
                parkingRetryInterval,
                idempotencyPurgeInterval,
                parkingCap);
    }

    public CommandSettings withParkingCap(ParkingCap cap) {
        return new CommandSettings(allowInsecureWebhooks, templateLookupGrace, idempotencyTtl, parkingRetryInterval,
                idempotencyPurgeInterval, cap);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
