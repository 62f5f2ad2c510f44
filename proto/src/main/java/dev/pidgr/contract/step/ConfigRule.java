package dev.pidgr.contract.step;

import dev.pidgr.api.v1.WorkflowStep;

/** The rules of one step type's config: pure, no I/O, every problem reported. */
@FunctionalInterface
public interface ConfigRule {

    /** A type whose config has no rules of its own (or that takes no config). */
    ConfigRule NONE = (step, path, deployment, out) -> { };

    /**
     * Reports the problems of {@code step}'s config.
     *
     * @param path the config's field path, e.g. {@code workflow.steps[2].call_webhook}
     */
    void check(WorkflowStep step, String path, Deployment deployment, Problems out);
}
