package dev.pidgr.contract.step;

import dev.pidgr.api.v1.WorkflowStep;

/** Where an outcome leads: the one walking rule the command side and the workflow processor share. */
public final class Transitions {

    /** The target that ends the walk; therefore no step may be called so. */
    public static final String END = "end";

    private Transitions() {
    }

    /**
     * {@code transitions[outcome]}; a {@code failed} without a transition follows {@code completed}; no transition
     * (or an empty target) means {@link #END}.
     */
    public static String next(WorkflowStep step, Outcome outcome) {
        String target = step.getTransitionsMap().get(outcome.label());
        if (target == null && outcome == Outcome.FAILED) {
            target = step.getTransitionsMap().get(Outcome.COMPLETED.label());
        }
        return target == null || target.isEmpty() ? END : target;
    }
}
