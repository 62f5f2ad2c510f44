package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.contract.step.StepKind;
import dev.pidgr.contract.step.Transitions;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.StepCompleted;
import dev.pidgr.events.v1.StepEntered;
import dev.pidgr.events.v1.WebhookResult;
import dev.pidgr.events.v1.WorkflowEnded;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunStatus;
import dev.pidgr.workflow.state.StepState;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a campaign's workflow (docs/workflow.md, "Walking rules"), as pure decisions: enters the entry step at the
 * start, lets the current step work at its wake-ups, and whenever a step yields an outcome follows
 * {@code transitions[outcome]} to the next step or to the end, recording StepEntered, StepCompleted and
 * WorkflowEnded and asking the command side to complete or fail the campaign. Whatever a step throws fails its
 * campaign with a reason, except what {@code passThrough} names (Kafka's own exceptions), which propagates.
 */
public final class Walker {

    private static final Logger LOG = LoggerFactory.getLogger(Walker.class);

    private final Map<StepKind, StepRunner> runners;
    private final Predicate<Throwable> passThrough;

    /** @param runners one per step kind (dev.pidgr.workflow.step.Runners) */
    public Walker(Map<StepKind, StepRunner> runners, Predicate<Throwable> passThrough) {
        this.runners = new EnumMap<>(runners);
        this.passThrough = passThrough;
        for (StepKind kind : StepKind.values()) {
            if (!this.runners.containsKey(kind)) {
                throw new IllegalArgumentException("no runner for step kind " + kind);
            }
        }
    }

    /** CampaignStarted: the walk begins at the entry step. */
    public Decision start(Run run, long now, RunReader reads) {
        Run running = run.with(run.cursor().toBuilder().setStatus(RunStatus.RUN_STATUS_RUNNING).build());
        LOG.info("Campaign {} started: walking its workflow", run.campaignId());
        return guarded(running, now, () -> entered(running, WalkRules.entry(running.spec().getWorkflow()).getId(), now,
                reads));
    }

    /** The run's wake-up came (the cursor no longer holds it): the current step does its next piece of work. */
    public Decision wake(Run run, long now, RunReader reads) {
        return guarded(run, now, () -> {
            Optional<WorkflowStep> step = run.currentStep();
            if (step.isEmpty()) {
                return Decision.of(run);
            }
            StepCall call = new StepCall(run, step.get(), now, reads);
            return proceed(call(call, () -> runner(step.get()).wake(call)), step.get(), now, reads);
        });
    }

    /** An acknowledgement came: a step waiting for everyone's may end when everyone has. */
    public Decision acknowledged(Run run, long now, RunReader reads) {
        if (!WalkRules.allAcknowledged(run.cursor().getCounts(), run.cursor().getAudienceSize())) {
            return Decision.of(run);
        }
        return guarded(run, now, () -> {
            Optional<WorkflowStep> step = run.currentStep();
            Optional<Outcome> outcome = step.flatMap(s -> runner(s).everyoneAcknowledged(new StepCall(run, s, now,
                    reads)));
            return outcome.isEmpty() ? Decision.of(run) : finish(run, step.get(), outcome.get(), now, reads);
        });
    }

    /** A webhook page's result came: for the current step if it sent it, else nothing changes. */
    public Optional<Decision> webhookResult(Run run, WebhookResult result, long now, RunReader reads) {
        Optional<WorkflowStep> step = run.currentStep().filter(s -> s.getId().equals(result.getStepId()));
        if (step.isEmpty()) {
            return Optional.empty();
        }
        StepCall call = new StepCall(run, step.get(), now, reads);
        StepDecision decided = call(call, () -> runner(step.get()).webhookResult(call, result).orElse(null));
        return Optional.ofNullable(decided).map(d -> guarded(run, now, () -> proceed(d, step.get(), now, reads)));
    }

    /**
     * The walk stops without an end of its own (cancelled, or ended by the command side): no wake-up, no step, no
     * nudge, nothing more emitted; pending webhook pages of the current step are dropped and pages in flight stopped.
     */
    public Decision stop(Run run, RunStatus status) {
        return stopCalls(run).decide(run.cursor().toBuilder().setStatus(status).clearStep().setWakeUpAt(0)
                .clearNudge());
    }

    /** The current step's pending webhook pages dropped, and the campaign's pages in flight stopped. */
    private static Effects stopCalls(Run run) {
        Effects effects = new Effects(run);
        StepState step = run.cursor().getStep();
        for (int page = 1; page <= step.getWebhook().getPagesBuilt(); page++) {
            effects.add(new Effect.DropPage(step.getStepId(), page));
        }
        return effects.add(new Effect.StopCalls());
    }

    /** The walk moves to {@code stepId}, as a transition to it does (the step is entered; its wake-up set). */
    public Decision enter(Run run, String stepId, long now, RunReader reads) {
        return guarded(run, now, () -> entered(run, stepId, now, reads));
    }

    private Decision entered(Run run, String stepId, long now, RunReader reads) {
        WorkflowStep step = WalkRules.step(run.spec().getWorkflow(), stepId);
        StepRunner runner = runner(step);
        Cursor.Builder cursor = run.cursor().toBuilder().setStep(StepState.newBuilder().setStepId(stepId)
                .setEnteredAt(now)).setWakeUpAt(0);
        Run entering = run.with(cursor.build());
        long enteredVersion = run.cursor().getVersion() + 1;
        StepCall call = new StepCall(entering.with(cursor.setVersion(enteredVersion).build()), step, now, reads);
        StepDecision entered = call(call, () -> runner.enter(call));
        if (entered.next() instanceof StepDecision.Failed failed && entered.effects().isEmpty()) {
            return fail(entering, now, Failures.reason(entering, failed.cause()));
        }
        StepEntered.Builder event = StepEntered.newBuilder().setStepId(stepId).setStepType(step.getType());
        if (entered.next() instanceof StepDecision.WakeAt wake && wake.announced() > 0) {
            event.setWakeUpAt(Timestamps.fromMillis(wake.announced()));
        }
        LOG.info("Campaign {} entered step {} ({})", run.campaignId(), stepId, step.getType());
        Decision announced = new Effects(entering).emit(DeliveryEvent.newBuilder().setStepEntered(event), now, stepId)
                .decide();
        return announced.then(proceed(entered, step, now, reads));
    }

    /** The walk after a step decided: the next step or the end, or the step's wake-up. */
    private Decision proceed(StepDecision decided, WorkflowStep step, long now, RunReader reads) {
        Decision done = new Decision(decided.run(), decided.effects());
        Run run = decided.run();
        return switch (decided.next()) {
            case StepDecision.Finished finished -> done.then(finish(run, step, finished.outcome(), now, reads));
            case StepDecision.WakeAt wake -> done.then(Decision.of(run.with(run.cursor().toBuilder()
                    .setWakeUpAt(Math.max(1, wake.at())).build())));
            case StepDecision.Waits waits -> done.then(Decision.of(run.with(run.cursor().toBuilder().setWakeUpAt(0)
                    .build())));
            case StepDecision.Continues continues -> done;
            case StepDecision.Failed failed -> done.then(fail(run, now, Failures.reason(run, failed.cause())));
        };
    }

    private Decision finish(Run run, WorkflowStep step, Outcome outcome, long now, RunReader reads) {
        String next = Transitions.next(step, outcome);
        StepCompleted.Builder event = StepCompleted.newBuilder().setStepId(step.getId()).setOutcome(outcome.label())
                .setNextStepId(next);
        Decision completed = new Effects(run).emit(DeliveryEvent.newBuilder().setStepCompleted(event), now,
                step.getId()).decide(run.cursor().toBuilder().setWakeUpAt(0));
        LOG.info("Campaign {} step {} completed with {}, next {}", run.campaignId(), step.getId(), outcome.label(),
                next);
        Run after = completed.run();
        return completed.then(Transitions.END.equals(next) ? end(after, now, "")
                : enter(after, next, now, reads));
    }

    private Decision end(Run run, long now, String failure) {
        String causeId = run.cursor().hasStep() ? run.cursor().getStep().getStepId() : "";
        Effects effects = new Effects(run).emit(DeliveryEvent.newBuilder().setWorkflowEnded(WorkflowEnded.newBuilder()
                .setFailed(!failure.isEmpty()).setReason(failure)), now, causeId);
        effects.add(new Effect.Command(Completion.command(run, failure, now)));
        if (failure.isEmpty()) {
            LOG.info("Campaign {} walk ended: completing the campaign", run.campaignId());
        } else {
            LOG.warn("Campaign {} walk failed: {}", run.campaignId(), failure);
        }
        return effects.decide(run.cursor().toBuilder().setStatus(RunStatus.RUN_STATUS_ENDED).clearStep()
                .setWakeUpAt(0).clearNudge());
    }

    /** The walk fails: pending pages go as when stopped, then the end with the reason. */
    private Decision fail(Run run, long now, String reason) {
        if (!run.running()) {
            return Decision.of(run);
        }
        return stopCalls(run).decide().then(end(run, now, reason));
    }

    /** Runs a step; what it throws becomes a Failed decision, unless it is {@code passThrough}'s. */
    private StepDecision call(StepCall call, Supplier<StepDecision> step) {
        try {
            return step.get();
        } catch (Throwable e) {
            if (passThrough.test(e)) {
                throw e;
            }
            return StepDecision.failed(Decision.of(call.run()), e);
        }
    }

    /**
     * A piece of the walk outside a step (finding a step, a workflow without steps); what it throws fails this
     * campaign, never the stream thread, except {@code passThrough}'s.
     */
    private Decision guarded(Run run, long now, Supplier<Decision> action) {
        try {
            return action.get();
        } catch (Throwable e) {
            if (passThrough.test(e)) {
                throw e;
            }
            return fail(run, now, Failures.reason(run, e));
        }
    }

    private StepRunner runner(WorkflowStep step) {
        return StepKind.of(step.getType()).map(runners::get).orElseThrow(() ->
                new WorkflowException("step \"" + step.getId() + "\" has no valid type"));
    }
}
