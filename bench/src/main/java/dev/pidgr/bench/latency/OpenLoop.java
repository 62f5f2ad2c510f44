package dev.pidgr.bench.latency;

import java.util.concurrent.locks.LockSupport;

/**
 * Issues calls at a fixed rate whatever the answers do (an open loop), so a slow answer cannot hide
 * the latency of the calls that should have gone out meanwhile (coordinated omission): each call is
 * timed from its intended start, not from when it actually went out.
 */
public final class OpenLoop {

    /** Issues call {@code index}, intended to start at {@code intendedNanos}; must not block. */
    @FunctionalInterface
    public interface Issue {
        void call(int index, long intendedNanos);
    }

    private OpenLoop() {
    }

    /** Issues {@code count} calls at {@code ratePerSecond}, the first now; returns when the last was issued. */
    public static void run(int count, int ratePerSecond, Issue issue) {
        long period = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            issue.call(i, intended);
        }
    }
}
