package dev.pidgr.api.consistency;

import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * How a read waits for the projection to catch up. Polling is the default; a PostgreSQL
 * LISTEN/NOTIFY based wait can replace it without touching the services.
 */
public interface ProjectionWait {

    /**
     * Returns true as soon as {@code caughtUp} is true, or false once {@code until} has passed
     * without it. {@code caughtUp} is evaluated at least once.
     */
    boolean await(BooleanSupplier caughtUp, Instant until) throws InterruptedException;
}
