package dev.pidgr.workflow.step;

import dev.pidgr.workflow.timer.WorkBudget;

/**
 * How much one wake-up of a sweep that renders messages may do: at most {@code members} members,
 * about {@code bytes} of output, and no more member once the punctuation's time is spent. The
 * first member is always taken, so a sweep always progresses; every member's rendering is bounded
 * (docs/workflow.md, "Message rendering"), so a wake-up overruns its budget by one member at most.
 */
public final class Batches {

    private final int members;
    private final int bytes;
    private final WorkBudget budget;

    public Batches(int members, int bytes, WorkBudget budget) {
        this.members = members;
        this.bytes = bytes;
        this.budget = budget;
    }

    /** Members per batch. */
    int members() {
        return members;
    }

    /** Whether a batch that has taken {@code taken} members and written {@code written} bytes may take one more. */
    boolean more(int taken, long written) {
        return taken == 0 || taken < members && written < bytes && !budget.spent();
    }
}
