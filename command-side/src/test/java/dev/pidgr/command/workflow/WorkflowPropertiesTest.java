package dev.pidgr.command.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the graph rules: every DAG whose steps are all reachable from the entry is accepted,
 * in any list order after the entry; adding one edge back to an ancestor always makes a cycle the
 * validator names.
 */
class WorkflowPropertiesTest {

    private final WorkflowValidator validator = new WorkflowValidator(false);

    /** A DAG drawn from a seed: a topological chain through every step, plus forward side edges. */
    record Dag(WorkflowDefinition workflow, List<String> order) {
    }

    @Provide
    Arbitrary<Dag> dags() {
        return Combinators.combine(Arbitraries.integers().between(1, 40), Arbitraries.longs())
                .as(WorkflowPropertiesTest::dag);
    }

    @Property(tries = 300)
    void randomDagsAreAccepted(@ForAll("dags") Dag dag) {
        assertThat(validator.validate(dag.workflow(), "workflow")).isEmpty();
    }

    @Property(tries = 300)
    void aBackEdgeToAnAncestorIsRejectedAsACycle(@ForAll("dags") Dag dag, @ForAll @IntRange(min = 0, max = 1000) int a,
                                                 @ForAll @IntRange(min = 0, max = 1000) int b) {
        int n = dag.order().size();
        String from = dag.order().get(Math.max(a % n, b % n));
        String to = dag.order().get(Math.min(a % n, b % n));
        WorkflowDefinition.Builder cyclic = dag.workflow().toBuilder();
        for (WorkflowStep.Builder s : cyclic.getStepsBuilderList()) {
            if (s.getId().equals(from)) {
                s.putTransitions("completed", to);
            }
        }

        List<Violation> problems = validator.validate(cyclic.build(), "workflow");

        assertThat(problems).anySatisfy(v -> assertThat(v.description()).contains("closes a cycle").contains(to));
    }

    @Property(tries = 300)
    void anyWorkflowIsValidatedWithoutThrowing(@ForAll @IntRange(min = 0, max = 30) int steps, @ForAll long seed) {
        Random r = new Random(seed);
        WorkflowDefinition.Builder w = WorkflowDefinition.newBuilder();
        for (int i = 0; i < steps; i++) {
            WorkflowStep.Builder s = WorkflowStep.newBuilder()
                    .setId(r.nextInt(4) == 0 ? "" : "s" + r.nextInt(steps + 1))
                    .setTypeValue(r.nextInt(7));
            for (int t = r.nextInt(4); t > 0; t--) {
                s.putTransitions(
                        List.of("completed", "failed", "all_acknowledged", "x").get(r.nextInt(4)),
                        "s" + r.nextInt(steps + 2));
            }
            w.addSteps(s);
        }

        List<Violation> problems = validator.validate(w.build(), "workflow");

        assertThat(problems).allSatisfy(v -> assertThat(v.field()).startsWith("workflow"));
    }

    private static Dag dag(int n, long seed) {
        Random r = new Random(seed);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add("step-" + i);
        }
        List<WorkflowStep> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StepType type = List.of(
                            StepType.STEP_TYPE_DEADLINE_CHECK,
                            StepType.STEP_TYPE_CALL_WEBHOOK,
                            StepType.STEP_TYPE_SEND_NOTIFICATION,
                            StepType.STEP_TYPE_SEND_REMINDER,
                            StepType.STEP_TYPE_MARK_MISSED)
                    .get(r.nextInt(5));
            WorkflowStep.Builder s = step(order.get(i), type);
            s.putTransitions("completed", i + 1 < n ? order.get(i + 1) : "end");
            String side = type == StepType.STEP_TYPE_DEADLINE_CHECK
                    ? "all_acknowledged"
                    : type == StepType.STEP_TYPE_CALL_WEBHOOK ? "failed" : null;
            if (side != null) {
                int target = i + 1 + r.nextInt(n - i);
                s.putTransitions(side, target < n ? order.get(target) : "end");
            }
            steps.add(s.build());
        }
        List<WorkflowStep> rest = new ArrayList<>(steps.subList(1, n));
        Collections.shuffle(rest, r);
        WorkflowDefinition.Builder w = WorkflowDefinition.newBuilder().addSteps(steps.get(0)).addAllSteps(rest);
        return new Dag(w.build(), order);
    }

    private static WorkflowStep.Builder step(String id, StepType type) {
        return switch (type) {
            case STEP_TYPE_DEADLINE_CHECK -> Steps.deadline(id, "90m");
            case STEP_TYPE_CALL_WEBHOOK -> Steps.webhook(id, "https://hooks.example.com/" + id);
            case STEP_TYPE_SEND_REMINDER -> Steps.remind(id);
            case STEP_TYPE_MARK_MISSED -> Steps.missed(id);
            default -> Steps.send(id);
        };
    }
}
