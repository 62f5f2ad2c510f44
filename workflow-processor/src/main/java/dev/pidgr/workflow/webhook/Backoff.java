package dev.pidgr.workflow.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before attempt n+1 wait base x 2^(n-1), capped, then scaled by
 * a random factor in [0.5, 1) so that many pages failing together do not retry in lockstep. A
 * receiver's Retry-After lengthens the wait, never beyond the cap.
 */
public final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The wait after attempt {@code attempt} (from 1) failed. */
    public long delayMillis(int attempt) {
        long exponential = baseMillis << Math.min(attempt - 1, 30);
        long capped = Math.min(capMillis, exponential < 0 ? capMillis : exponential);
        return (long) (capped * (0.5 + random.getAsDouble() / 2));
    }

    /**
     * The wait after attempt {@code attempt} failed with a Retry-After of {@code retryAfterMillis}
     * (negative: none): the longer of the two, at most the cap.
     */
    public long delayMillis(int attempt, long retryAfterMillis) {
        return Math.max(delayMillis(attempt), Math.min(retryAfterMillis, capMillis));
    }
}
