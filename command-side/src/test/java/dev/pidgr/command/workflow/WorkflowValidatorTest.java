package dev.pidgr.command.workflow;

import static dev.pidgr.command.workflow.Steps.deadline;
import static dev.pidgr.command.workflow.Steps.missed;
import static dev.pidgr.command.workflow.Steps.remind;
import static dev.pidgr.command.workflow.Steps.send;
import static dev.pidgr.command.workflow.Steps.webhook;
import static dev.pidgr.command.workflow.Steps.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowValidatorTest {

    private final WorkflowValidator strict = new WorkflowValidator(false);

    private List<Violation> problems(WorkflowDefinition w) {
        return strict.validate(w, "workflow");
    }

    private void assertSingleProblem(WorkflowDefinition w, String field, String description) {
        assertThat(problems(w)).containsExactly(new Violation(field, description));
    }

    @Test
    void shouldAcceptTheDefaultChain() {
        assertThat(problems(Steps.defaultChain())).isEmpty();
    }

    @Test
    void shouldAcceptASendNotificationStepWithoutConfig() {
        assertThat(problems(workflow(send("send")))).isEmpty();
    }

    @Test
    void shouldRequireAtLeastOneStep() {
        assertSingleProblem(
                WorkflowDefinition.getDefaultInstance(), "workflow.steps", "the workflow needs at least one step");
    }

    @Test
    void shouldRejectMoreThanOneHundredSteps() {
        WorkflowDefinition.Builder w = WorkflowDefinition.newBuilder();
        for (int i = 0; i < 101; i++) {
            w.addSteps(send("s" + i));
        }
        assertSingleProblem(w.build(), "workflow.steps", "the workflow has 101 steps; at most 100 are allowed");
    }

    @Test
    void shouldRejectAWorkflowTooLargeForAnEvent() {
        SendNotificationConfig.Builder big = SendNotificationConfig.newBuilder();
        for (int i = 0; i < 60; i++) {
            big.putCustomVariables("v" + i, "x".repeat(10_000));
        }
        assertThat(problems(workflow(send("send").setSendNotification(big))))
                .singleElement().satisfies(v -> assertThat(v.description()).contains("at most 524288 are allowed"));
    }

    @Test
    void shouldRequireStepIdsOfOneToOneHundredCharactersOtherThanEnd() {
        assertThat(problems(workflow(
                        send("").putTransitions("completed", "b"), send("b").putTransitions("completed", "end"))))
                .contains(new Violation("workflow.steps[0].id", "every step needs an id"));
        assertThat(problems(workflow(send("x".repeat(101)))))
                .extracting(Violation::field)
                .containsExactly("workflow.steps[0].id");
        assertSingleProblem(workflow(send("end")), "workflow.steps[0].id",
                "step id \"end\" is reserved: it is the transition target that ends the workflow");
    }

    @Test
    void shouldRejectDuplicateStepIds() {
        assertSingleProblem(workflow(send("a").putTransitions("completed", "b"), send("b"), missed("b")),
                "workflow.steps[2].id", "step id \"b\" is used by steps 1 and 2; step ids must be unique");
    }

    @Test
    void shouldRequireAStepType() {
        assertSingleProblem(
                workflow(WorkflowStep.newBuilder().setId("x")),
                "workflow.steps[0].type",
                "step \"x\": a step type is required");
    }

    @Test
    void shouldRejectAConfigThatDoesNotMatchTheType() {
        assertSingleProblem(
                workflow(send("s")
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("1h"))),
                "workflow.steps[0].deadline_check",
                "step \"s\": a SEND_NOTIFICATION step cannot have a deadline_check config");
        assertSingleProblem(workflow(missed("m").setSendNotification(SendNotificationConfig.getDefaultInstance())),
                "workflow.steps[0].send_notification", "step \"m\": a MARK_MISSED step takes no config");
    }

    @Test
    void shouldRejectOutcomesTheStepCannotYield() {
        assertSingleProblem(
                workflow(remind("r").putTransitions("failed", "end")),
                "workflow.steps[0].transitions[failed]",
                "step \"r\": outcome \"failed\" is never yielded by a SEND_REMINDER step (it yields: completed)");
        assertSingleProblem(
                workflow(send("s").putTransitions("all_acknowledged", "end")),
                "workflow.steps[0].transitions[all_acknowledged]",
                "step \"s\": outcome \"all_acknowledged\" is never yielded by a SEND_NOTIFICATION step (it yields:"
                        + " completed)");
        assertThat(problems(workflow(deadline("d", "1h").putTransitions("all_acknowledged", "end")))).isEmpty();
        assertThat(problems(workflow(webhook("w", "https://example.com").putTransitions("failed", "end")))).isEmpty();
    }

    @Test
    void shouldRejectMoreThanTenTransitions() {
        WorkflowStep.Builder s = send("s");
        for (int i = 0; i < 11; i++) {
            s.putTransitions("label" + i, "end");
        }
        assertThat(problems(workflow(s))).contains(new Violation("workflow.steps[0].transitions",
                "step \"s\": has 11 transitions; at most 10 are allowed"));
    }

    @Test
    void shouldRejectATransitionToAnUnknownStep() {
        assertSingleProblem(
                workflow(
                        send("send").putTransitions("completed", "remind"),
                        remind("remind").putTransitions("completed", "x")),
                "workflow.steps[1].transitions[completed]",
                "step \"remind\": transition \"completed\" targets unknown step \"x\"");
    }

    @Test
    void shouldRejectASelfLoop() {
        assertSingleProblem(
                workflow(send("s").putTransitions("completed", "s")),
                "workflow.steps[0].transitions[completed]",
                "step \"s\": transition \"completed\" closes a cycle s -> s; a workflow must be acyclic");
    }

    @Test
    void shouldRejectACycleNamingItsSteps() {
        assertSingleProblem(
                workflow(
                        send("a").putTransitions("completed", "b"),
                        deadline("b", "1h").putTransitions("completed", "c"),
                        remind("c").putTransitions("completed", "b")),
                "workflow.steps[2].transitions[completed]",
                "step \"c\": transition \"completed\" closes a cycle b -> c -> b; a workflow must be acyclic");
    }

    @Test
    void shouldRejectAStepThatCannotBeReachedFromTheEntry() {
        assertSingleProblem(workflow(send("send"), missed("orphan")), "workflow.steps[1]",
                "step \"orphan\": is not reachable from the entry step \"send\"");
    }

    @Test
    void shouldCheckDeadlineDelays() {
        assertSingleProblem(workflow(deadline("d", "")), "workflow.steps[0].deadline_check.delay",
                "step \"d\": a DEADLINE_CHECK step needs a delay such as \"72h\" or \"90m\"");
        assertSingleProblem(workflow(deadline("d", "3 days")), "workflow.steps[0].deadline_check.delay",
                "step \"d\": delay \"3 days\" is not a duration such as \"72h\" or \"90m\"");
        assertSingleProblem(workflow(deadline("d", "59s")), "workflow.steps[0].deadline_check.delay",
                "step \"d\": delay \"59s\" must be between 1m and 8760h");
        assertSingleProblem(workflow(deadline("d", "8761h")), "workflow.steps[0].deadline_check.delay",
                "step \"d\": delay \"8761h\" must be between 1m and 8760h");
        assertThat(problems(workflow(deadline("d", "1h30m")))).isEmpty();
        assertThat(problems(workflow(WorkflowStep.newBuilder().setId("d").setType(StepType.STEP_TYPE_DEADLINE_CHECK))))
                .extracting(Violation::field).containsExactly("workflow.steps[0].deadline_check.delay");
    }

    @Test
    void shouldCheckReminderRepeatAndDueTime() {
        assertSingleProblem(
                workflow(remind("r").setSendReminder(reminder("PT1H", ""))),
                "workflow.steps[0].send_reminder.due_time",
                "step \"r\": repeat and due_time must be set together");
        assertSingleProblem(
                workflow(remind("r").setSendReminder(reminder("1h", "PT2H"))),
                "workflow.steps[0].send_reminder.repeat",
                "step \"r\": repeat \"1h\" is not an ISO-8601 duration such as \"PT4H\"");
        assertSingleProblem(
                workflow(remind("r").setSendReminder(reminder("PT30S", "PT2H"))),
                "workflow.steps[0].send_reminder.repeat",
                "step \"r\": repeat \"PT30S\" must be between PT1M and PT168H");
        assertThat(problems(workflow(remind("r").setSendReminder(reminder("PT2H", "PT169H")))))
                .extracting(Violation::field)
                .containsExactly("workflow.steps[0].send_reminder.due_time");
        assertSingleProblem(
                workflow(remind("r").setSendReminder(reminder("PT5H", "PT4H"))),
                "workflow.steps[0].send_reminder.repeat",
                "step \"r\": repeat PT5H is longer than due_time PT4H, so no reminder would repeat");
        assertThat(problems(workflow(remind("r").setSendReminder(reminder("PT4H", "PT4H"))))).isEmpty();
    }

    private static SendReminderConfig reminder(String repeat, String due) {
        return SendReminderConfig.newBuilder().setRepeat(repeat).setDueTime(due).build();
    }

    @Test
    void shouldAcceptOnlyThePushChannel() {
        assertSingleProblem(
                workflow(send("s")
                        .setSendNotification(SendNotificationConfig.newBuilder().setType("sms"))),
                "workflow.steps[0].send_notification.type",
                "step \"s\": channel \"sms\" is not supported (only \"push\")");
        assertThat(problems(workflow(send("s")
                        .setSendNotification(SendNotificationConfig.newBuilder().setType("push")))))
                .isEmpty();
    }

    @Test
    void shouldCheckSendNotificationConfigLimits() {
        SendNotificationConfig.Builder c = SendNotificationConfig.newBuilder()
                .setTemplateId("nope")
                .setActionLabel("a".repeat(51))
                .putCustomVariables("k", "v".repeat(10_001));
        assertThat(problems(workflow(send("s").setSendNotification(c)))).extracting(Violation::field).containsExactly(
                "workflow.steps[0].send_notification.template_id", "workflow.steps[0].send_notification.action_label",
                "workflow.steps[0].send_notification.custom_variables[k]");
    }
}
