package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import com.google.protobuf.ByteString;
import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.ListTemplatesRequest;
import dev.pidgr.api.v1.MarkReadRequest;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.UpdateTemplateRequest;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Requests;
import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;

/** TemplateService, InboxService and ActionService rows of the invalid-request matrix. */
final class RecipientAndTemplateCases {

    private RecipientAndTemplateCases() {
    }

    static List<Case> templates(MatrixFixture f) {
        TemplateServiceGrpc.TemplateServiceBlockingStub t = f.a.templates();
        CreateTemplateRequest good = Requests.template("Good");
        List<Case> cases = new ArrayList<>();
        String create = "CreateTemplate";
        cases.add(invalid(create, "no name", "name", () -> t.createTemplate(good.toBuilder().setName("").build())));
        cases.add(invalid(create, "no body", "body", () -> t.createTemplate(good.toBuilder().setBody("").build())));
        cases.add(invalid(
                create,
                "body of 50,001",
                "body",
                () -> t.createTemplate(
                        good.toBuilder().setBody("b".repeat(50_001)).build())));
        cases.add(invalid(
                create,
                "undeclared placeholder",
                "body",
                () -> t.createTemplate(good.toBuilder().setBody("Hi {{nobody}}").build())));
        cases.add(invalid(create, "variable name 1bad", "variables", () -> t.createTemplate(good.toBuilder()
                .addVariables(TemplateVariable.newBuilder().setName("1bad")).build())));
        cases.add(invalid(
                create,
                "undefined type",
                "type",
                () -> t.createTemplate(good.toBuilder().setTypeValue(42).build())));
        cases.add(invalid(create, "101 variables", "variables", () -> t.createTemplate(manyVariables(good, 101))));
        cases.add(invalid(
                create,
                "title of 201",
                "title",
                () -> t.createTemplate(
                        good.toBuilder().setTitle("t".repeat(201)).build())));
        String update = "UpdateTemplate";
        cases.add(invalid(
                update,
                "template_id not a UUID",
                "template_id",
                () -> t.updateTemplate(updateOf("bad").build())));
        cases.add(of(
                update,
                "unknown template",
                Code.NOT_FOUND,
                () -> t.updateTemplate(updateOf(InvalidRequests.UNKNOWN).build())));
        cases.add(invalid(
                update,
                "undeclared placeholder",
                "body",
                () -> t.updateTemplate(
                        updateOf(f.templateId).setBody("{{ghost}}").build())));
        cases.add(invalid(
                update,
                "no body",
                "body",
                () -> t.updateTemplate(updateOf(f.templateId).setBody("").build())));
        cases.add(of(
                update,
                "stale expected_version",
                Code.ABORTED,
                () -> t.updateTemplate(
                        updateOf(f.templateId).setExpectedVersion(5).build())));
        String get = "GetTemplate";
        cases.add(invalid(
                get,
                "template_id not a UUID",
                "template_id",
                () -> t.getTemplate(
                        GetTemplateRequest.newBuilder().setTemplateId("bad").build())));
        cases.add(of(
                get,
                "unknown template",
                Code.NOT_FOUND,
                () -> t.getTemplate(GetTemplateRequest.newBuilder()
                        .setTemplateId(InvalidRequests.UNKNOWN)
                        .build())));
        cases.add(of(
                get,
                "missing version",
                Code.NOT_FOUND,
                () -> t.getTemplate(GetTemplateRequest.newBuilder()
                        .setTemplateId(f.templateId)
                        .setVersion(99)
                        .build())));
        cases.add(invalid(
                get,
                "negative version",
                "version",
                () -> t.getTemplate(GetTemplateRequest.newBuilder()
                        .setTemplateId(f.templateId)
                        .setVersion(-1)
                        .build())));
        String list = "ListTemplates";
        cases.add(invalid(
                list,
                "negative page_size",
                "page_size",
                () -> t.listTemplates(ListTemplatesRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageSize(-5))
                        .build())));
        cases.add(invalid(
                list,
                "undefined type",
                "type",
                () -> t.listTemplates(
                        ListTemplatesRequest.newBuilder().setTypeValue(9).build())));
        cases.add(invalid(
                list,
                "forged page_token",
                "page_token",
                () -> t.listTemplates(ListTemplatesRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageToken("AAAA"))
                        .build())));
        cases.add(invalid(
                list,
                "a ListCampaigns page_token",
                "page_token",
                () -> t.listTemplates(ListTemplatesRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageToken(f.campaignsPageToken))
                        .build())));
        return cases;
    }

    /**
     * Two variables of one name: refused by a message-level rule, whose violation names no field today (see
     * RequestMatrixTest).
     */
    static List<Case> duplicateVariableNames(MatrixFixture f) {
        TemplateServiceGrpc.TemplateServiceBlockingStub t = f.a.templates();
        TemplateVariable twice = TemplateVariable.newBuilder().setName("first_name").build();
        return List.of(
                invalid(
                        "CreateTemplate",
                        "duplicate variable",
                        "variables",
                        () -> t.createTemplate(Requests.template("Twice").toBuilder()
                                .addVariables(twice)
                                .build())),
                invalid(
                        "UpdateTemplate",
                        "duplicate variable",
                        "variables",
                        () -> t.updateTemplate(
                                updateOf(f.templateId).addVariables(twice).build())));
    }

    static List<Case> recipients(MatrixFixture f) {
        InboxServiceGrpc.InboxServiceBlockingStub inbox = f.a.inbox(f.a.recipient(MatrixFixture.RECIPIENT));
        ActionServiceGrpc.ActionServiceBlockingStub actions = f.a.actions(f.a.recipient(MatrixFixture.RECIPIENT));
        List<Case> cases = new ArrayList<>();
        cases.add(invalid(
                "Sync",
                "negative limit",
                "limit",
                () -> inbox.sync(SyncRequest.newBuilder().setLimit(-1).build())));
        cases.add(invalid(
                "MarkRead",
                "delivery_id not a UUID",
                "delivery_id",
                () -> inbox.markRead(
                        MarkReadRequest.newBuilder().setDeliveryId("bad").build())));
        cases.add(of("MarkRead", "unknown delivery", Code.NOT_FOUND, () -> inbox.markRead(MarkReadRequest.newBuilder()
                .setDeliveryId(InvalidRequests.UNKNOWN).build())));
        cases.add(of(
                "MarkRead",
                "someone else's delivery",
                Code.NOT_FOUND,
                () -> inbox.markRead(MarkReadRequest.newBuilder()
                        .setDeliveryId(f.otherDeliveryId)
                        .build())));
        cases.add(invalid(
                "GetMessage",
                "no delivery_id",
                "delivery_id",
                () -> inbox.getMessage(GetMessageRequest.getDefaultInstance())));
        cases.add(of(
                "GetMessage",
                "unknown delivery",
                Code.NOT_FOUND,
                () -> inbox.getMessage(GetMessageRequest.newBuilder()
                        .setDeliveryId(InvalidRequests.UNKNOWN)
                        .build())));
        cases.add(of(
                "GetMessage",
                "someone else's delivery",
                Code.NOT_FOUND,
                () -> inbox.getMessage(GetMessageRequest.newBuilder()
                        .setDeliveryId(f.otherDeliveryId)
                        .build())));
        String submit = "SubmitAction";
        cases.add(invalid(
                submit,
                "delivery_id not a UUID",
                "delivery_id",
                () -> actions.submitAction(ack("bad").build())));
        cases.add(invalid(
                submit,
                "no action_id",
                "action_id",
                () -> actions.submitAction(ack(f.deliveryId).setActionId("").build())));
        cases.add(invalid(
                submit,
                "action_id of 101",
                "action_id",
                () -> actions.submitAction(
                        ack(f.deliveryId).setActionId("a".repeat(101)).build())));
        cases.add(invalid(submit, "payload of 10,001", "payload", () -> actions.submitAction(ack(f.deliveryId)
                .setPayload(ByteString.copyFrom(new byte[10_001])).build())));
        cases.add(invalid(
                submit,
                "unknown action",
                "action_id",
                () -> actions.submitAction(ack(f.deliveryId).setActionId("nope").build())));
        cases.add(of(
                submit,
                "unknown delivery",
                Code.NOT_FOUND,
                () -> actions.submitAction(ack(InvalidRequests.UNKNOWN).build())));
        cases.add(of(
                submit,
                "someone else's delivery",
                Code.NOT_FOUND,
                () -> actions.submitAction(ack(f.otherDeliveryId).build())));
        return cases;
    }

    private static UpdateTemplateRequest.Builder updateOf(String templateId) {
        return UpdateTemplateRequest.newBuilder().setTemplateId(templateId).setBody("Hello {{first_name}}, again.")
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setRequired(true));
    }

    private static SubmitActionRequest.Builder ack(String deliveryId) {
        return SubmitActionRequest.newBuilder().setDeliveryId(deliveryId).setActionId("ack");
    }

    private static CreateTemplateRequest manyVariables(CreateTemplateRequest good, int n) {
        CreateTemplateRequest.Builder request = good.toBuilder();
        for (int i = 0; i < n; i++) {
            request.addVariables(TemplateVariable.newBuilder().setName("v" + i));
        }
        return request.build();
    }
}
