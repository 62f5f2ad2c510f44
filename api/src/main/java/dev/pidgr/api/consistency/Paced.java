package dev.pidgr.api.consistency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A condition evaluated at most once per pause, the pause growing from 20 ms to 200 ms: a waiter
 * woken by every projection batch still reads a few times a second at most (about 27 reads in 5 s).
 * Between evaluations it answers false without reading.
 */
final class Paced implements BooleanSupplier {

    static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    static final Duration MAX_PAUSE = Duration.ofMillis(200);

    private final BooleanSupplier condition;
    private final Clock clock;
    private Duration pause = FIRST_PAUSE;
    private Instant next;

    /** {@code condition} was last evaluated at {@code evaluatedAt}; the next evaluation comes a first pause later. */
    Paced(BooleanSupplier condition, Clock clock, Instant evaluatedAt) {
        this.condition = condition;
        this.clock = clock;
        this.next = evaluatedAt.plus(pause);
    }

    @Override
    public boolean getAsBoolean() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return false;
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) <= 0 ? pause.multipliedBy(2) : MAX_PAUSE;
        next = now.plus(pause);
        return condition.getAsBoolean();
    }
}
