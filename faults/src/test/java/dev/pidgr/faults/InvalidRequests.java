package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.DeadlineCheckConfig;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetCampaignTimelineRequest;
import dev.pidgr.api.v1.SendReminderConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Requests;
import io.grpc.Status.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The CampaignService half of the invalid-request matrix: each request and the status docs/api.md gives it. */
final class InvalidRequests {

    static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

    private InvalidRequests() {
    }

    static List<Case> campaigns(MatrixFixture f) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        List<Case> cases = new ArrayList<>();
        String create = "CreateCampaign";
        cases.add(invalid(create, "no name", "name", () -> c.createCampaign(draft(f).setName("").build())));
        cases.add(invalid(
                create,
                "name of 201",
                "name",
                () -> c.createCampaign(draft(f).setName("n".repeat(201)).build())));
        cases.add(invalid(
                create,
                "template_id not a UUID",
                "template_id",
                () -> c.createCampaign(draft(f).setTemplateId("tpl-1").build())));
        cases.add(invalid(
                create,
                "negative template_version",
                "template_version",
                () -> c.createCampaign(draft(f).setTemplateVersion(-1).build())));
        cases.add(invalid(
                create,
                "duplicate audience user",
                "audience",
                () -> c.createCampaign(
                        draft(f).addAudience(member("user-000000")).build())));
        cases.add(invalid(
                create,
                "user_id of 201",
                "audience",
                () -> c.createCampaign(
                        draft(f).addAudience(member("u".repeat(201))).build())));
        cases.add(invalid(
                create,
                "51 variables",
                "audience",
                () -> c.createCampaign(draft(f).addAudience(manyVariables(51)).build())));
        cases.add(invalid(
                create,
                "variable value of 1001",
                "audience",
                () -> c.createCampaign(draft(f).addAudience(AudienceMember.newBuilder()
                                .setUserId("long")
                                .putVariables("first_name", "v".repeat(1001)))
                        .build())));
        cases.add(invalid(
                create,
                "100,001 members",
                "audience",
                () -> c.createCampaign(Requests.campaign("Huge", f.templateId, Requests.users(100_001), null))));
        cases.add(invalid(
                create,
                "duplicate user_ids",
                "user_ids",
                () -> c.createCampaign(CreateCampaignRequest.newBuilder()
                        .setName("Ids")
                        .setTemplateId(f.templateId)
                        .addUserIds("x")
                        .addUserIds("x")
                        .build())));
        cases.add(invalid(
                create,
                "sender_name of 201",
                "sender_name",
                () -> c.createCampaign(draft(f).setSenderName("s".repeat(201)).build())));
        cases.add(invalid(
                create,
                "title of 201",
                "title",
                () -> c.createCampaign(draft(f).setTitle("t".repeat(201)).build())));
        cases.add(of(
                create,
                "unknown template",
                Code.FAILED_PRECONDITION,
                () -> c.createCampaign(draft(f).setTemplateId(UNKNOWN).build())));
        cases.add(of(
                create,
                "missing template version",
                Code.FAILED_PRECONDITION,
                () -> c.createCampaign(draft(f).setTemplateVersion(99).build())));
        cases.add(invalid(
                create,
                "workflow cycle",
                "workflow",
                () -> c.createCampaign(draft(f).setWorkflow(cycle()).build())));
        cases.add(invalid(
                create,
                "transition to no step",
                "workflow",
                () -> c.createCampaign(draft(f).setWorkflow(
                                WorkflowDefinition.newBuilder().addSteps(send().putTransitions("completed", "nowhere")))
                        .build())));
        cases.add(invalid(
                create,
                "http webhook",
                "workflow",
                () -> c.createCampaign(draft(f).setWorkflow(Requests.sendThenWebhook("http://example.com/h"))
                        .build())));
        cases.add(invalid(create, "webhook to a private address", "workflow", () -> c.createCampaign(draft(f)
                .setWorkflow(Requests.sendThenWebhook("https://10.0.0.1/h")).build())));
        cases.add(invalid(
                create,
                "deadline of 30s",
                "workflow",
                () -> c.createCampaign(draft(f).setWorkflow(deadline("30s")).build())));
        cases.add(invalid(
                create,
                "reminder repeat without due_time",
                "workflow",
                () -> c.createCampaign(draft(f).setWorkflow(reminder()).build())));
        cases.add(invalid(
                create,
                "idempotency-key of 201",
                "idempotency-key",
                () -> keyed(f, "k".repeat(201)).createCampaign(draft(f).build())));
        String key = "matrix-" + UUID.randomUUID();
        keyed(f, key).createCampaign(draft(f).setName("First").build());
        cases.add(of(
                create,
                "same key, other request",
                Code.ALREADY_EXISTS,
                () -> keyed(f, key).createCampaign(draft(f).setName("Second").build())));

        String start = "StartCampaign";
        cases.add(invalid(start, "id not a UUID", "id", () -> c.startCampaign(start("x"))));
        cases.add(of(start, "unknown campaign", Code.NOT_FOUND, () -> c.startCampaign(start(UNKNOWN))));
        cases.add(
                of(start, "completed campaign", Code.FAILED_PRECONDITION, () -> c.startCampaign(start(f.completedId))));
        cases.add(
                of(start, "cancelled campaign", Code.FAILED_PRECONDITION, () -> c.startCampaign(start(f.cancelledId))));
        cases.add(of(start, "empty audience", Code.FAILED_PRECONDITION, () -> c.startCampaign(start(f.emptyId))));
        cases.add(of(
                start,
                "required variable missing",
                Code.FAILED_PRECONDITION,
                () -> c.startCampaign(start(f.missingVariableId))));
        cases.add(invalid(
                start,
                "expected_version 0",
                "expected_version",
                () -> c.startCampaign(
                        start(f.draftId).toBuilder().setExpectedVersion(0).build())));
        cases.add(of(
                start,
                "stale expected_version",
                Code.ABORTED,
                () -> c.startCampaign(
                        start(f.draftId).toBuilder().setExpectedVersion(99).build())));

        String get = "GetCampaign";
        cases.add(invalid(get, "empty id", "id", () -> c.getCampaign(GetCampaignRequest.getDefaultInstance())));
        cases.add(of(
                get,
                "unknown campaign",
                Code.NOT_FOUND,
                () -> c.getCampaign(
                        GetCampaignRequest.newBuilder().setId(UNKNOWN).build())));
        cases.add(invalid(
                get,
                "x-pidgr-min-version abc",
                "x-pidgr-min-version",
                () -> minVersion(f, "abc")
                        .getCampaign(
                                GetCampaignRequest.newBuilder().setId(f.draftId).build())));
        cases.add(invalid(
                get,
                "x-pidgr-min-version 0",
                "x-pidgr-min-version",
                () -> minVersion(f, "0")
                        .getCampaign(
                                GetCampaignRequest.newBuilder().setId(f.draftId).build())));
        String timeline = "GetCampaignTimeline";
        cases.add(invalid(
                timeline,
                "empty id",
                "id",
                () -> c.getCampaignTimeline(GetCampaignTimelineRequest.getDefaultInstance())));
        cases.add(of(
                timeline,
                "unknown campaign",
                Code.NOT_FOUND,
                () -> c.getCampaignTimeline(
                        GetCampaignTimelineRequest.newBuilder().setId(UNKNOWN).build())));
        cases.add(invalid(
                timeline,
                "bucket of 2 s",
                "bucket",
                () -> c.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder()
                        .setId(f.completedId)
                        .setBucket(com.google.protobuf.Duration.newBuilder().setSeconds(2))
                        .build())));
        cases.addAll(CampaignReadCases.cases(f));
        cases.addAll(NudgeCases.cases(f));
        cases.addAll(InsightCases.cases(f));
        cases.addAll(ScheduleCases.cases(f));
        return cases;
    }

    static CreateCampaignRequest.Builder draft(MatrixFixture f) {
        return Requests.campaign("Matrix draft", f.templateId, Requests.users(2), null).toBuilder();
    }

    static dev.pidgr.api.v1.StartCampaignRequest start(String id) {
        return dev.pidgr.api.v1.StartCampaignRequest.newBuilder().setId(id).build();
    }

    private static AudienceMember member(String user) {
        return AudienceMember.newBuilder().setUserId(user).putVariables("first_name", "x").build();
    }

    private static AudienceMember manyVariables(int n) {
        AudienceMember.Builder member = AudienceMember.newBuilder().setUserId("many");
        for (int i = 0; i < n; i++) {
            member.putVariables("v" + i, "x");
        }
        return member.putVariables("first_name", "x").build();
    }

    static WorkflowStep.Builder send() {
        return WorkflowStep.newBuilder().setId("send").setType(StepType.STEP_TYPE_SEND_NOTIFICATION);
    }

    private static WorkflowDefinition cycle() {
        return WorkflowDefinition.newBuilder()
                .addSteps(send().putTransitions("completed", "wait"))
                .addSteps(WorkflowStep.newBuilder()
                        .setId("wait")
                        .setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay("1h"))
                        .putTransitions("completed", "send"))
                .build();
    }

    private static WorkflowDefinition deadline(String delay) {
        return WorkflowDefinition.newBuilder().addSteps(send().putTransitions("completed", "wait"))
                .addSteps(WorkflowStep.newBuilder().setId("wait").setType(StepType.STEP_TYPE_DEADLINE_CHECK)
                        .setDeadlineCheck(DeadlineCheckConfig.newBuilder().setDelay(delay))).build();
    }

    private static WorkflowDefinition reminder() {
        return WorkflowDefinition.newBuilder().addSteps(send().putTransitions("completed", "remind"))
                .addSteps(WorkflowStep.newBuilder().setId("remind").setType(StepType.STEP_TYPE_SEND_REMINDER)
                        .setSendReminder(SendReminderConfig.newBuilder().setRepeat("PT1H"))).build();
    }

    static CampaignServiceGrpc.CampaignServiceBlockingStub keyed(MatrixFixture f, String key) {
        return Api.stub(
                CampaignServiceGrpc.newBlockingStub(f.a.channel),
                f.a.admin(),
                Map.of("idempotency-key", key),
                Duration.ofSeconds(30));
    }

    private static CampaignServiceGrpc.CampaignServiceBlockingStub minVersion(MatrixFixture f, String value) {
        return Api.stub(
                CampaignServiceGrpc.newBlockingStub(f.a.channel),
                f.a.admin(),
                Map.of("x-pidgr-min-version", value),
                Duration.ofSeconds(30));
    }
}
