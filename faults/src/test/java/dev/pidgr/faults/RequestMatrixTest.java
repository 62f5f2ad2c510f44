package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.RawCalls;
import dev.pidgr.faults.support.Report;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every RPC of CampaignService, TemplateService, InboxService, ActionService and DeviceService, with invalid
 * requests and with every kind of bad credential: each call gets the status docs/api.md documents, and
 * afterwards the server is healthy, answers a normal call, and nothing the calls should not have
 * changed has changed.
 */
class RequestMatrixTest {

    private static final List<String> RPCS = RawCalls.methods(List.of(
            CampaignServiceGrpc.getServiceDescriptor(),
            TemplateServiceGrpc.getServiceDescriptor(),
            InboxServiceGrpc.getServiceDescriptor(),
            ActionServiceGrpc.getServiceDescriptor(),
            DeviceServiceGrpc.getServiceDescriptor()));

    private static MatrixFixture f;
    private static Campaign draftBefore;

    @BeforeAll
    static void start() {
        f = new MatrixFixture();
        draftBefore = f.a.campaigns()
                .getCampaign(GetCampaignRequest.newBuilder().setId(f.draftId).build())
                .getCampaign();
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void shouldAnswerEveryInvalidRequestWithItsDocumentedStatus() {
        List<Case> cases = new ArrayList<>(InvalidRequests.campaigns(f));
        cases.addAll(RecipientAndTemplateCases.templates(f));
        cases.addAll(RecipientAndTemplateCases.recipients(f));
        cases.addAll(HostileInputs.campaigns(f));
        cases.addAll(HostileInputs.templates(f));
        cases.addAll(DeviceCases.cases(f));

        List<String> mismatches = Case.run(cases);

        assertThat(cases.stream().map(Case::rpc).distinct().count()).as("every RPC").isEqualTo(RPCS.size());
        assertThat(mismatches).isEmpty();
        assertHealthyAndUnchanged();
        Report.line("RequestMatrixTest", "%d invalid requests over all %d RPCs answered with their documented status; "
                + "the server stayed healthy", cases.size(), RPCS.size());
    }

    @Test
    void shouldNameTheFieldOfDuplicateTemplateVariables() {
        List<String> mismatches = Case.run(RecipientAndTemplateCases.duplicateVariableNames(f));

        assertThat(mismatches).isEmpty();
        assertHealthyAndUnchanged();
    }

    @Test
    void shouldAnswerMalformedRequestBytesOnEveryRpcWithInvalidArgument() {
        byte[] garbage = {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe};
        List<Case> cases = RPCS.stream()
                .map(rpc -> Case.of(
                        rpc,
                        "bytes that are no protobuf",
                        Status.Code.INVALID_ARGUMENT,
                        () -> RawCalls.call(
                                f.a.channel,
                                rpc,
                                rpc.contains("Inbox") || rpc.contains("Action")
                                        ? f.a.recipient(MatrixFixture.RECIPIENT)
                                        : f.a.admin(),
                                garbage)))
                .toList();

        List<String> mismatches = Case.run(cases);

        assertThat(mismatches).isEmpty();
        assertHealthyAndUnchanged();
        Report.line(
                "RequestMatrixTest",
                "request bytes that are no protobuf on all %d RPCs answered INVALID_ARGUMENT",
                RPCS.size());
    }

    @Test
    void shouldAnswerEveryRpcWithoutAValidTokenPermissionOrOrganizationAsDocumented() {
        List<Case> cases = AuthCases.cases(f);

        List<String> mismatches = Case.run(cases);

        assertThat(cases.stream().map(Case::rpc).distinct().count()).as("every RPC").isEqualTo(RPCS.size());
        assertThat(mismatches).isEmpty();
        assertHealthyAndUnchanged();
        Report.line(
                "RequestMatrixTest",
                "auth matrix: %d calls (no token, garbage, another key, alg none, expired, missing permission, another"
                        + " organization) over all %d RPCs answered as documented; nothing of organization A changed",
                cases.size(),
                RPCS.size());
    }

    /**
     * Health SERVING, a normal call works, and nothing refused changed organization A's draft, template or deliveries.
     */
    private static void assertHealthyAndUnchanged() {
        assertThat(f.a.health()).isEqualTo(ServingStatus.SERVING);
        assertThat(f.node.failure()).isEmpty();
        Campaign draft = f.a.campaigns()
                .getCampaign(GetCampaignRequest.newBuilder().setId(f.draftId).build())
                .getCampaign();
        assertThat(draft.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(draft.getVersion()).isEqualTo(draftBefore.getVersion());
        assertThat(draft.getName()).isEqualTo(draftBefore.getName());
        assertThat(f.a.templates()
                        .getTemplate(GetTemplateRequest.newBuilder()
                                .setTemplateId(f.templateId)
                                .build())
                        .getTemplate()
                        .getVersion())
                .isEqualTo(1);
        assertThat(f.a.campaigns()
                        .listDeliveries(ListDeliveriesRequest.newBuilder()
                                .setCampaignId(f.completedId)
                                .build())
                        .getDeliveriesList())
                .allSatisfy(d -> {
                    assertThat(d.getStatus()).isNotEqualTo(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
                    assertThat(d.hasReadAt()).isFalse();
                });
    }
}
