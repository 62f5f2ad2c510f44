package dev.pidgr.workflow.step;

import java.util.function.BooleanSupplier;

/**
 * How much one wake-up of a sweep that renders messages may do: at most {@code members} members, about
 * {@code bytes} of output, and no more member once the punctuation's time is spent. The first member is always
 * taken, so a sweep always progresses; every member's rendering is bounded (docs/workflow.md, "Message
 * rendering"), so a wake-up overruns its budget by one member at most.
 */
public final class Batches {

    private final int members;
    private final int bytes;
    private final BooleanSupplier spent;

    /** @param spent whether the punctuation's work budget is spent (the shell's clock; tests pass their own) */
    public Batches(int members, int bytes, BooleanSupplier spent) {
        this.members = members;
        this.bytes = bytes;
        this.spent = spent;
    }

    /** Members per batch. */
    public int members() {
        return members;
    }

    /** Whether a batch that has taken {@code taken} members and written {@code written} bytes may take one more. */
    public boolean more(int taken, long written) {
        return taken == 0 || taken < members && written < bytes && !spent.getAsBoolean();
    }
}
