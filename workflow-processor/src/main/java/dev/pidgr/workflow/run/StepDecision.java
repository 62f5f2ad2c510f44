package dev.pidgr.workflow.run;

import dev.pidgr.contract.step.Outcome;
import java.util.List;

/**
 * What a step decided when entered or woken: the run after it (its progress), its effects, and what comes next.
 * The walker turns it into the campaign's decision (StepEntered, StepCompleted, the next step, the wake-up).
 */
public record StepDecision(Run run, List<Effect> effects, Next next) {

    public StepDecision {
        effects = List.copyOf(effects);
    }

    /** What comes after. */
    public sealed interface Next {
    }

    /** The step is done: the walk follows {@code transitions[outcome]}. */
    public record Finished(Outcome outcome) implements Next {
    }

    /**
     * The step sleeps until {@code at} (its next batch: now). {@code announced} is what StepEntered says it sleeps
     * until (a deadline, the next reminder round), 0 for nothing.
     */
    public record WakeAt(long at, long announced) implements Next {
    }

    /** The step waits for an input (a webhook result) and has no wake-up of its own. */
    public record Waits() implements Next {
    }

    /** The step goes on as it was: its wake-up, if any, stays (an input it took changed nothing of its pace). */
    public record Continues() implements Next {
    }

    /** The step failed part-way: what it did so far stands, then the walk fails with {@code cause}. */
    public record Failed(Throwable cause) implements Next {
    }

    public static StepDecision finished(Decision done, Outcome outcome) {
        return new StepDecision(done.run(), done.effects(), new Finished(outcome));
    }

    public static StepDecision finished(Run run, Outcome outcome) {
        return new StepDecision(run, List.of(), new Finished(outcome));
    }

    /** Works on at {@code at}. */
    public static StepDecision wakeAt(Decision done, long at) {
        return new StepDecision(done.run(), done.effects(), new WakeAt(at, 0));
    }

    public static StepDecision wakeAt(Run run, long at) {
        return new StepDecision(run, List.of(), new WakeAt(at, 0));
    }

    /** Sleeps until {@code at}, and says so in StepEntered. */
    public static StepDecision sleepsUntil(Run run, long at) {
        return new StepDecision(run, List.of(), new WakeAt(at, at));
    }

    public static StepDecision waits(Decision done) {
        return new StepDecision(done.run(), done.effects(), new Waits());
    }

    public static StepDecision continues(Decision done) {
        return new StepDecision(done.run(), done.effects(), new Continues());
    }

    public static StepDecision failed(Decision done, Throwable cause) {
        return new StepDecision(done.run(), done.effects(), new Failed(cause));
    }

    /** This decision, with StepEntered announcing {@code at} (the step still wakes when it said). */
    public StepDecision announcing(long at) {
        return next instanceof WakeAt wake ? new StepDecision(run, effects, new WakeAt(wake.at(), at)) : this;
    }
}
