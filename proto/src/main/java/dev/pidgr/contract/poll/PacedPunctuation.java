package dev.pidgr.contract.poll;

import java.time.Duration;
import java.util.function.LongPredicate;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuation that ticks often while it has work and seldom when it has none. Kafka
 * Streams commits a task after every punctuation, even one that changed nothing, and under
 * exactly-once each commit is a transaction (offsets, end marker, markers written by the broker):
 * a 10 ms punctuation kept an idle processor committing ten transactions a second, most of the
 * idle dev process's CPU (docs/operations.md, "Idle CPU"). Here the tick answers whether work is
 * due now or within the quiet interval; while it says no, it runs every {@code quiet} instead of
 * every {@code busy}. Whatever may bring work between ticks (a record, a command parked) calls
 * {@link #hurry()}, so work is never later than one busy interval.
 */
public final class PacedPunctuation {

    private final ProcessorContext<?, ?> context;
    private final Duration busy;
    private final Duration quiet;
    private final LongPredicate tick;
    private Cancellable scheduled;
    private boolean quietNow;

    private PacedPunctuation(ProcessorContext<?, ?> context, Duration busy, Duration quiet, LongPredicate tick) {
        this.context = context;
        this.busy = busy;
        this.quiet = quiet.compareTo(busy) < 0 ? busy : quiet;
        this.tick = tick;
    }

    /**
     * Schedules {@code tick} every {@code busy} until a tick returns false (no work due within
     * {@code quiet}), then every {@code quiet} until one returns true or {@link #hurry()} is called. A
     * quiet interval shorter than the busy one is the busy one.
     */
    public static PacedPunctuation schedule(
            ProcessorContext<?, ?> context, Duration busy, Duration quiet, LongPredicate tick) {
        PacedPunctuation punctuation = new PacedPunctuation(context, busy, quiet, tick);
        punctuation.scheduled = context.schedule(busy, PunctuationType.WALL_CLOCK_TIME, punctuation::run);
        return punctuation;
    }

    /** Work may have come: tick at the busy interval again (nothing to do if it already does). */
    public void hurry() {
        if (quietNow) {
            every(busy);
            quietNow = false;
        }
    }

    /** Whether it ticks at the quiet interval now. */
    public boolean quiet() {
        return quietNow;
    }

    private void run(long now) {
        boolean workSoon = tick.test(now);
        if (workSoon == quietNow) {
            quietNow = !workSoon;
            every(workSoon ? busy : quiet);
        }
    }

    private void every(Duration interval) {
        scheduled.cancel();
        scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::run);
    }
}
