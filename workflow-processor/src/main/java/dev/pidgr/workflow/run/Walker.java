package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.StepCompleted;
import dev.pidgr.events.v1.StepEntered;
import dev.pidgr.events.v1.WorkflowEnded;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.render.TemplateException;
import dev.pidgr.workflow.state.RunStatus;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a campaign's workflow (API.md, "Walking rules"): enters the entry step at the start, and
 * whenever a step yields an outcome, follows {@code transitions[outcome]} to the next step or to
 * the end, recording StepEntered, StepCompleted and WorkflowEnded, and asking the command side to
 * complete or fail the campaign. An unrecoverable error ends the walk as failed with its reason, and
 * so does anything else a step throws, except Kafka's own exceptions.
 */
public final class Walker {

    private static final Logger LOG = LoggerFactory.getLogger(Walker.class);

    private final Map<StepType, StepRunner> runners;
    private final WakeUps wakeUps;
    private final Outbox outbox;
    private final Consumer<Run> abandon;

    /**
     * @param abandon what to drop when a walk stops before its end (pending webhook pages)
     */
    public Walker(Map<StepType, StepRunner> runners, WakeUps wakeUps, Outbox outbox, Consumer<Run> abandon) {
        this.runners = new EnumMap<>(runners);
        this.wakeUps = wakeUps;
        this.outbox = outbox;
        this.abandon = abandon;
    }

    /** CampaignStarted: the walk begins at the entry step. */
    public void start(Run run, long now) {
        run.cursor().setStatus(RunStatus.RUN_STATUS_RUNNING);
        LOG.info("Campaign {} started: walking its workflow", run.campaignId());
        guarded(run, now, () -> enter(run, WalkRules.entry(run.spec().getWorkflow()).getId(), now));
    }

    /** The run's wake-up came: the current step does its next piece of work. */
    public void wake(Run run, long now) {
        guarded(run, now, () -> current(run).ifPresent(step ->
                runner(step).wake(run, step, now).ifPresent(outcome -> finish(run, outcome, now))));
    }

    /** The current step finished with {@code outcome} outside a wake-up (a webhook result). */
    public void finishCurrent(Run run, String outcome, long now) {
        guarded(run, now, () -> finish(run, outcome, now));
    }

    /** An acknowledgement came: a step waiting for everyone's ends early when everyone has. */
    public void acknowledged(Run run, long now) {
        if (!WalkRules.allAcknowledged(run.cursor().getCounts(), run.cursor().getAudienceSize())) {
            return;
        }
        current(run).ifPresent(step -> {
            if (step.getType() == StepType.STEP_TYPE_DEADLINE_CHECK && step.containsTransitions(WalkRules.ALL_ACKNOWLEDGED)) {
                finishCurrent(run, WalkRules.ALL_ACKNOWLEDGED, now);
            } else if (step.getType() == StepType.STEP_TYPE_SEND_REMINDER) {
                finishCurrent(run, WalkRules.COMPLETED, now);
            }
        });
    }

    /** The walk stops without an end of its own (cancelled, or ended by the command side): nothing more runs. */
    public void stop(Run run, RunStatus status) {
        wakeUps.cancel(run);
        abandon.accept(run);
        run.cursor().setStatus(status);
        run.cursor().clearStep();
    }

    /** The current step, when the run is walking. */
    public Optional<WorkflowStep> current(Run run) {
        if (!run.running() || !run.cursor().hasStep()) {
            return Optional.empty();
        }
        return Optional.of(WalkRules.step(run.spec().getWorkflow(), run.cursor().getStep().getStepId()));
    }

    private void enter(Run run, String stepId, long now) {
        WorkflowStep step = WalkRules.step(run.spec().getWorkflow(), stepId);
        StepRunner runner = runner(step);
        run.cursor().setStep(StepState.newBuilder().setStepId(stepId).setEnteredAt(now));
        StepRunner.Entered entered = runner.enter(run, step, now);
        StepEntered.Builder event = StepEntered.newBuilder().setStepId(stepId).setStepType(step.getType());
        if (entered.sleepsUntil() > 0) {
            event.setWakeUpAt(Timestamps.fromMillis(entered.sleepsUntil()));
        }
        outbox.deliveryEvent(run.nextEvent(now, stepId, Run.SYSTEM).setStepEntered(event).build(), now);
        LOG.info("Campaign {} entered step {} ({})", run.campaignId(), stepId, step.getType());
        entered.outcome().ifPresent(outcome -> finish(run, outcome, now));
    }

    private void finish(Run run, String outcome, long now) {
        WorkflowStep step = current(run).orElseThrow(() -> new IllegalStateException("no current step"));
        String next = WalkRules.next(step, outcome);
        wakeUps.cancel(run);
        outbox.deliveryEvent(run.nextEvent(now, step.getId(), Run.SYSTEM).setStepCompleted(StepCompleted.newBuilder()
                .setStepId(step.getId()).setOutcome(outcome).setNextStepId(next)).build(), now);
        LOG.info("Campaign {} step {} completed with {}, next {}", run.campaignId(), step.getId(), outcome, next);
        if (WalkRules.END.equals(next)) {
            end(run, now, "");
        } else {
            enter(run, next, now);
        }
    }

    private void end(Run run, long now, String failure) {
        String causeId = run.cursor().hasStep() ? run.cursor().getStep().getStepId() : "";
        wakeUps.cancel(run);
        run.cursor().setStatus(RunStatus.RUN_STATUS_ENDED).clearStep();
        outbox.deliveryEvent(run.nextEvent(now, causeId, Run.SYSTEM).setWorkflowEnded(WorkflowEnded.newBuilder()
                .setFailed(!failure.isEmpty()).setReason(failure)).build(), now);
        outbox.command(Completion.command(run, failure, now), now);
        if (failure.isEmpty()) {
            LOG.info("Campaign {} walk ended: completing the campaign", run.campaignId());
        } else {
            LOG.warn("Campaign {} walk failed: {}", run.campaignId(), failure);
        }
    }

    /**
     * Runs a piece of the walk; what it throws fails this campaign, never the stream thread. A
     * bug or a resource error (a stack overflow, memory) in one campaign's step must not stop every
     * campaign of the partition, nor be retried forever. Kafka's own exceptions (a fenced producer,
     * a migrated task, a closing runtime) are the runtime's business and pass through.
     */
    private void guarded(Run run, long now, Runnable action) {
        try {
            action.run();
        } catch (WorkflowException | TemplateException e) {
            fail(run, now, e.getMessage());
        } catch (Throwable e) {
            if (Failures.fromKafka(e)) {
                throw e;
            }
            LOG.error("Campaign {}: an internal error; the campaign fails", run.campaignId(), e);
            fail(run, now, Failures.reason(run, e));
        }
    }

    private void fail(Run run, long now, String reason) {
        if (run.running()) {
            abandon.accept(run);
            end(run, now, reason);
        }
    }

    private StepRunner runner(WorkflowStep step) {
        StepRunner runner = runners.get(step.getType());
        if (runner == null) {
            throw new WorkflowException("step \"" + step.getId() + "\" has no valid type");
        }
        return runner;
    }
}
