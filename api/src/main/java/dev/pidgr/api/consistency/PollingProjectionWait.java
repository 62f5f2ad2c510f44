package dev.pidgr.api.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls with a short, growing backoff (2 ms, doubling, at most 50 ms): cheap when the projection is close behind. */
public final class PollingProjectionWait implements ProjectionWait {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(2);
    static final Duration MAX_BACKOFF = Duration.ofMillis(50);

    private final Clock clock;

    public PollingProjectionWait(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean await(BooleanSupplier caughtUp, Instant until) throws InterruptedException {
        long backoff = FIRST_BACKOFF.toMillis();
        while (true) {
            if (caughtUp.getAsBoolean()) {
                return true;
            }
            long left = Duration.between(clock.instant(), until).toMillis();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(backoff, left));
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }
}
