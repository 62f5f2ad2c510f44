package dev.pidgr.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.step.StepKind;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.workflow.kafka.KafkaFailures;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import dev.pidgr.workflow.state.StepState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.junit.jupiter.api.Test;

/** A step that throws: the campaign fails with a reason, unless Kafka itself is what failed. */
class WalkerTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000aa";
    private static final long NOW = 1_790_000_000_000L;

    private static Walker walkerWhoseStepThrows(Throwable thrown) {
        StepRunner throwing = new StepRunner() {
            @Override
            public StepDecision enter(StepCall call) {
                return StepDecision.wakeAt(call.run(), call.now());
            }

            @Override
            public StepDecision wake(StepCall call) {
                throw sneaky(thrown);
            }
        };
        Map<StepKind, StepRunner> runners = new EnumMap<>(StepKind.class);
        for (StepKind kind : StepKind.values()) {
            runners.put(kind, throwing);
        }
        return new Walker(runners, KafkaFailures::fromKafka);
    }

    private static Run runInStep() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)).build();
        RunSpec spec = RunSpec.newBuilder().setOrganizationId("org-1").setWorkflow(workflow).build();
        return new Run(CAMPAIGN, spec, Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_RUNNING)
                .setStep(StepState.newBuilder().setStepId("send").setEnteredAt(NOW - 1000)).build());
    }

    private static List<Object> records(Decision decision) {
        return decision.effects().stream().<Object>mapMulti((effect, out) -> {
            switch (effect) {
                case Effect.Emit emit -> out.accept(emit.event());
                case Effect.Command command -> out.accept(command.command());
                case Effect.Push push -> out.accept(push.push());
                default -> { }
            }
        }).toList();
    }

    @Test
    void shouldFailTheCampaignWhenAStepOverflowsTheStackOrRunsOutOfMemory() {
        for (Throwable error : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
                new NullPointerException())) {
            Run run = runInStep();

            Decision decision = walkerWhoseStepThrows(error).wake(run, NOW, null);

            String reason = "step \"send\" failed with an internal error (" + error.getClass().getSimpleName() + ")";
            assertThat(decision.run().cursor().getStatus()).isEqualTo(RunStatus.RUN_STATUS_ENDED);
            assertThat(records(decision)).hasSize(2);
            DeliveryEvent ended = (DeliveryEvent) records(decision).get(0);
            assertThat(ended.getWorkflowEnded().getFailed()).isTrue();
            assertThat(ended.getWorkflowEnded().getReason()).isEqualTo(reason);
            assertThat(((CampaignCommand) records(decision).get(1)).getFailCampaign().getReason()).isEqualTo(reason);
            assertThat(decision.effects()).as("pending webhook pages stopped").contains(new Effect.StopCalls());
        }
    }

    @Test
    void shouldLetKafkasOwnExceptionsThrough() {
        for (RuntimeException kafka : List.of(
                new TaskMigratedException("moved"),
                new ProducerFencedException("fenced"),
                new StreamsException("closing"),
                new IllegalStateException("wrapped", new ProducerFencedException("f")))) {
            Run run = runInStep();

            assertThatThrownBy(() -> walkerWhoseStepThrows(kafka).wake(run, NOW, null)).isSameAs(kafka);

            assertThat(run.cursor().getStatus()).isEqualTo(RunStatus.RUN_STATUS_RUNNING);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
