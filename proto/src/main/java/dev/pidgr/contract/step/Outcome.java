package dev.pidgr.contract.step;

import java.util.Optional;

/**
 * What a finished step yields: the label its transitions are keyed by ({@code transitions["completed"]}) and that
 * StepCompleted records. Which step type yields which is in {@link StepKind}.
 */
public enum Outcome {

    /** The step did its work (every step yields it). */
    COMPLETED("completed"),
    /** DEADLINE_CHECK: every recipient acknowledged before the deadline. */
    ALL_ACKNOWLEDGED("all_acknowledged"),
    /** CALL_WEBHOOK: a page failed finally. */
    FAILED("failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The label in workflows and events. */
    public String label() {
        return label;
    }

    /** The outcome with this label, if any. */
    public static Optional<Outcome> ofLabel(String label) {
        for (Outcome outcome : values()) {
            if (outcome.label.equals(label)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
