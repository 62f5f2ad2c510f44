package dev.pidgr.query.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits, with a generous timeout, for something to become true (no timing thresholds). */
public final class Wait {

    private Wait() {
    }

    public static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, Duration.ofSeconds(90), condition);
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
