package dev.pidgr.contract.poll;

import java.time.Duration;

/**
 * How long a stream thread's poll may block. Kafka Streams polls for {@code poll.ms} between its
 * commits and punctuations, so the roles set it short (5 ms): a commit or a punctuation waits for the
 * poll. With nothing to do, that short poll is a busy loop (200 polls a second per thread). This rule
 * keeps the short poll while the thread has worked within {@code window} and blocks for {@code idle}
 * after: a poll returns as soon as records arrive, so an idle thread answers new input as fast; only
 * a wall-clock punctuation that finds work after a quiet spell may start up to {@code idle} late.
 *
 * @param idle   the poll when the thread has been quiet for {@code window}
 * @param window how long after its last work a thread keeps the short poll (longer than a commit interval)
 */
public record IdlePoll(Duration idle, Duration window) {

    /** Kafka Streams' own default poll when quiet; one second of short polls after any work. */
    public static final IdlePoll DEFAULT = new IdlePoll(Duration.ofMillis(100), Duration.ofSeconds(1));

    public IdlePoll {
        if (idle.isNegative() || window.isNegative()) {
            throw new IllegalArgumentException("idle poll and window must not be negative");
        }
    }

    /**
     * The poll to block for.
     *
     * @param requested      what Streams asked for ({@code poll.ms}, or zero while it rebalances or restores)
     * @param nanosSinceWork nanoseconds since the thread last polled records or did work in a punctuation
     */
    public Duration timeout(Duration requested, long nanosSinceWork) {
        boolean quiet = nanosSinceWork >= window.toNanos();
        return quiet && !requested.isZero() && requested.compareTo(idle) < 0 ? idle : requested;
    }
}
