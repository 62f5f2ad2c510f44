package dev.pidgr.workflow.timer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one punctuation may work, on a monotonic clock ({@code System::nanoTime}; tests pass
 * their own). The punctuation takes no new wake-up once it is spent, and a batch that renders
 * messages stops early (after at least one member, so it always progresses): with a rendering
 * bounded in size, one punctuation stays far below the transaction timeout however slow its
 * messages are to render.
 */
public final class WorkBudget {

    private final LongSupplier nanoTime;
    private final long budgetNanos;
    private long started;

    public WorkBudget(LongSupplier nanoTime, Duration budget) {
        this.nanoTime = nanoTime;
        this.budgetNanos = budget.toNanos();
        this.started = nanoTime.getAsLong();
    }

    /** A punctuation starts: the whole budget is available again. */
    public void start() {
        started = nanoTime.getAsLong();
    }

    /** Whether the work since {@link #start()} took longer than the budget. */
    public boolean spent() {
        return nanoTime.getAsLong() - started > budgetNanos;
    }
}
