package dev.pidgr.contract.poll;

import java.util.function.LongSupplier;

/**
 * When the current thread last did work, for {@link IdlePoll}. A stream thread runs its polls, its
 * processing and its punctuations itself, so a punctuation that found work (a fan-out batch, a due
 * reminder) marks it here and the thread's next polls stay short; records a poll returns mark it too.
 * Per thread: each stream thread, and the global thread, is quiet or busy on its own.
 */
public final class PollActivity {

    private static final ThreadLocal<long[]> LAST_WORK = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    private PollActivity() {
    }

    /** The current thread did work now. */
    public static void mark() {
        mark(System.nanoTime());
    }

    static void mark(long nowNanos) {
        LAST_WORK.get()[0] = nowNanos;
    }

    /** Nanoseconds since the current thread last did work ({@code Long.MAX_VALUE} if it never did). */
    static long nanosSinceWork(LongSupplier nanoTime) {
        long last = LAST_WORK.get()[0];
        return last == Long.MIN_VALUE ? Long.MAX_VALUE : nanoTime.getAsLong() - last;
    }
}
