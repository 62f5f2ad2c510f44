package dev.pidgr.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A step that throws: the campaign fails with a reason, unless Kafka itself is what failed. */
class WalkerTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000aa";
    private static final long NOW = 1_790_000_000_000L;

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final List<Run> abandoned = new ArrayList<>();

    private Walker walkerWhoseStepThrows(Throwable thrown) {
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("wake-ups"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        StepRunner throwing = new StepRunner() {
            @Override
            public Entered enter(Run run, WorkflowStep step, long now) {
                return Entered.working();
            }

            @Override
            public Optional<String> wake(Run run, WorkflowStep step, long now) {
                throw sneaky(thrown);
            }
        };
        return new Walker(Map.of(StepType.STEP_TYPE_SEND_NOTIFICATION, throwing), new WakeUps(store), new Outbox(context),
                abandoned::add);
    }

    private static Run runInStep() {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)).build();
        RunSpec spec = RunSpec.newBuilder().setOrganizationId("org-1").setWorkflow(workflow).build();
        return new Run(CAMPAIGN, spec, Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_RUNNING)
                .setStep(StepState.newBuilder().setStepId("send").setEnteredAt(NOW - 1000)));
    }

    private List<Object> forwarded() {
        return context.forwarded().stream().<Object>map(f -> f.record().value()).toList();
    }

    @Test
    void shouldFailTheCampaignWhenAStepOverflowsTheStackOrRunsOutOfMemory() {
        for (Throwable error : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"), new NullPointerException())) {
            context.resetForwards();
            Run run = runInStep();

            walkerWhoseStepThrows(error).wake(run, NOW);

            String reason = "step \"send\" failed with an internal error (" + error.getClass().getSimpleName() + ")";
            assertThat(run.cursor().getStatus()).isEqualTo(RunStatus.RUN_STATUS_ENDED);
            assertThat(forwarded()).hasSize(2);
            DeliveryEvent ended = (DeliveryEvent) forwarded().get(0);
            assertThat(ended.getWorkflowEnded().getFailed()).isTrue();
            assertThat(ended.getWorkflowEnded().getReason()).isEqualTo(reason);
            assertThat(((CampaignCommand) forwarded().get(1)).getFailCampaign().getReason()).isEqualTo(reason);
            assertThat(abandoned).last().isSameAs(run);
        }
    }

    @Test
    void shouldLetKafkasOwnExceptionsThrough() {
        for (RuntimeException kafka : List.of(new TaskMigratedException("moved"), new ProducerFencedException("fenced"),
                new StreamsException("closing"), new IllegalStateException("wrapped", new ProducerFencedException("fenced")))) {
            Run run = runInStep();

            assertThatThrownBy(() -> walkerWhoseStepThrows(kafka).wake(run, NOW)).isSameAs(kafka);

            assertThat(run.cursor().getStatus()).isEqualTo(RunStatus.RUN_STATUS_RUNNING);
            assertThat(context.forwarded()).isEmpty();
            assertThat(abandoned).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
