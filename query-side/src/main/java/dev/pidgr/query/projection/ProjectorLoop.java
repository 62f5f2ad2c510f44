package dev.pidgr.query.projection;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a projector until told to stop. A failed batch is rolled back, the consumer rewound to the
 * stored offsets and the batch retried after a backoff (1 s doubling to 30 s), so an unreachable
 * database or broker costs freshness, never an event. New partitions are picked up every minute;
 * a topic that does not exist yet is looked for at every poll interval.
 */
public final class ProjectorLoop {

    private static final Logger log = LoggerFactory.getLogger(ProjectorLoop.class);
    private static final long REASSIGN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private ProjectorLoop() {
    }

    /** Runs {@code projector} while {@code keepGoing} holds and {@code until} does not; returns when either says so. */
    public static void run(Projector projector, Duration pollTimeout, BooleanSupplier keepGoing, BooleanSupplier until)
            throws InterruptedException {
        int failures = 0;
        boolean assigned = false;
        boolean fenced = false;
        long lastAssign = System.nanoTime();
        while (keepGoing.getAsBoolean() && !(assigned && until.getAsBoolean())) {
            try {
                if (fenced) {
                    projector.resync();
                    fenced = false;
                } else if (!assigned || !projector.hasPartitions()
                        || System.nanoTime() - lastAssign > REASSIGN_EVERY_NANOS) {
                    projector.assign();
                    lastAssign = System.nanoTime();
                }
                assigned = true;
                projector.step(pollTimeout);
                failures = 0;
            } catch (OffsetStore.FencedException e) {
                log.warn("projection {}: {}; reloading offsets", projector.name(), e.getMessage());
                fenced = true;
            } catch (Exception e) {
                failures++;
                long backoff = Math.min(30_000, 1_000L << Math.min(failures - 1, 5));
                log.warn(
                        "projection {}: batch failed ({}), retrying in {} ms", projector.name(), e.toString(), backoff);
                if (assigned) {
                    projector.rewind();
                }
                sleepWhile(keepGoing, backoff);
            }
        }
    }

    private static void sleepWhile(BooleanSupplier keepGoing, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (keepGoing.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(100, millis));
        }
    }
}
