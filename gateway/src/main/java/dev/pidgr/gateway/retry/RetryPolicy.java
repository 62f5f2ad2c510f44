package dev.pidgr.gateway.retry;

import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.channel.Attempt;
import java.time.Duration;

/**
 * What follows one attempt: pure. Accepted, Unregistered and Failed end the target; a transient failure is tried
 * again after exponential backoff with jitter (base x 2^(n-1), capped, scaled by a factor in [0.5, 1)), never sooner
 * than the provider's Retry-After (up to the cap, as webhooks do: a held attempt holds its partition's commits),
 * until {@code maxAttempts} attempts were made; then the
 * target ends FAILED.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    /** What to do next. */
    public sealed interface Next {
        /** Try again after {@code delay}; this attempt's receipt says RETRYING. */
        record Retry(Duration delay) implements Next {}

        /** The target ends with this outcome. */
        record Done(ReceiptOutcome outcome) implements Next {}
    }

    public RetryPolicy {
        if (maxAttempts < 1 || base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("maxAttempts >= 1 and 0 <= base <= cap");
        }
    }

    /**
     * After attempt {@code attempt} (from 1) came to {@code result}.
     *
     * @param jitter a number in [0, 1) from the caller's random source
     */
    public Next next(int attempt, Attempt result, double jitter) {
        return switch (result) {
            case Attempt.Accepted accepted -> new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED);
            case Attempt.Unregistered unregistered -> new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_UNREGISTERED);
            case Attempt.Failed failed -> new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_FAILED);
            case Attempt.Transient transientFailure -> attempt >= maxAttempts
                    ? new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_FAILED)
                    : new Next.Retry(delay(attempt, transientFailure.retryAfter().orElse(Duration.ZERO), jitter));
        };
    }

    private Duration delay(int attempt, Duration retryAfter, double jitter) {
        long baseMillis = base.toMillis();
        long exponential = baseMillis << Math.min(attempt - 1, 30);
        long capped = Math.min(cap.toMillis(), exponential < 0 ? cap.toMillis() : exponential);
        long backoff = (long) (capped * (0.5 + jitter / 2));
        return Duration.ofMillis(Math.max(backoff, Math.min(retryAfter.toMillis(), cap.toMillis())));
    }
}
