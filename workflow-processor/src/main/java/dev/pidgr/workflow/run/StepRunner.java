package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.WorkflowStep;
import java.util.Optional;

/** What one step type does when it is entered and when its wake-up comes. */
public interface StepRunner {

    /**
     * How entering went.
     *
     * @param outcome     the step's outcome when it finished at once
     * @param sleepsUntil when the step sleeps until (a deadline, the next reminder), 0 when it does not
     */
    record Entered(Optional<String> outcome, long sleepsUntil) {

        public static Entered working() {
            return new Entered(Optional.empty(), 0);
        }

        public static Entered sleepingUntil(long at) {
            return new Entered(Optional.empty(), at);
        }

        public static Entered finished(String outcome) {
            return new Entered(Optional.of(outcome), 0);
        }
    }

    /** Starts the step; schedules its wake-up unless it finished at once. */
    Entered enter(Run run, WorkflowStep step, long now);

    /** The step's wake-up came: does one bounded piece of work; the outcome once the step finished. */
    Optional<String> wake(Run run, WorkflowStep step, long now);
}
