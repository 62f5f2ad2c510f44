package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.BadRequest;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetTemplateRequest;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SyncRequest;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateVariable;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole path, for real: gRPC -> command processor -> events -> projections -> reads, and the workflow. */
@ExtendWith(SharedNode.class)
class EndToEndTest {

    static RunningNode node;
    final String org = "org-" + UUID.randomUUID();

    @BeforeAll
    static void useSharedNode(RunningNode shared) {
        node = shared;
    }

    @Test
    void shouldCreateATemplateAndACampaignAndReadThemBack() {
        Template template = createTemplate(org);
        Campaign created = node.campaigns(node.admin(org))
                .createCampaign(threeMemberCampaign(template.getId()))
                .getCampaign();

        Campaign read = node.campaigns(node.admin(org))
                .getCampaign(
                        GetCampaignRequest.newBuilder().setId(created.getId()).build())
                .getCampaign();
        List<Campaign> listed = node.campaigns(node.admin(org))
                .listCampaigns(ListCampaignsRequest.getDefaultInstance())
                .getCampaignsList();

        assertThat(read.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        assertThat(read.getName()).isEqualTo("Travel policy");
        assertThat(read.getTitle()).isEqualTo("Please read");
        assertThat(read.getSenderName()).isEqualTo("HR Team");
        assertThat(read.getTemplateId()).isEqualTo(template.getId());
        assertThat(read.getTemplateVersion()).isEqualTo(1);
        assertThat(read.getTotalRecipients()).isEqualTo(3);
        assertThat(read.getVersion()).isEqualTo(created.getVersion());
        assertThat(read.getWorkflow().getStepsCount()).isEqualTo(1);
        assertThat(listed).extracting(Campaign::getId).containsExactly(created.getId());
        assertThat(listed.get(0).getName()).isEqualTo("Travel policy");
        assertThat(node.templates(node.admin(org)).getTemplate(GetTemplateRequest.newBuilder()
                .setTemplateId(template.getId()).build()).getTemplate().getVersion()).isEqualTo(1);
    }

    @Test
    void shouldAnswerBadInputWithFieldViolations() {
        Template template = createTemplate(org);
        CreateCampaignRequest noName = threeMemberCampaign(template.getId()).toBuilder().clearName().build();

        assertThatThrownBy(() -> node.campaigns(node.admin(org)).createCampaign(noName))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(fieldViolations(e)).contains("name");
                });
    }

    @Test
    void shouldRefuseMissingTokensMissingPermissionsAndOtherOrganizations() {
        Template template = createTemplate(org);
        Campaign created = node.campaigns(node.admin(org))
                .createCampaign(threeMemberCampaign(template.getId()))
                .getCampaign();
        GetCampaignRequest get = GetCampaignRequest.newBuilder().setId(created.getId()).build();

        assertThat(code(() -> node.campaigns(null).getCampaign(get))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(() -> node.campaigns("not.a.token").getCampaign(get))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(() -> node.campaigns(node.token("viewer", org, List.of(Permission.VIEW_CAMPAIGNS)))
                .createCampaign(threeMemberCampaign(template.getId())))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(() -> node.campaigns(node.admin("another-org")).getCampaign(get)))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void shouldSendTheNotificationAndLetRecipientsAcknowledge() {
        Template template = createTemplate(org);
        Campaign campaign = node.campaigns(node.admin(org))
                .createCampaign(threeMemberCampaign(template.getId()))
                .getCampaign();

        node.campaigns(node.admin(org))
                .startCampaign(StartCampaignRequest.newBuilder()
                        .setId(campaign.getId())
                        .build());
        InboxEntry aliceEntry = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> node.inbox(node.recipient("alice", org))
                                .sync(SyncRequest.getDefaultInstance())
                                .getEntriesList(),
                        entries -> entries.size() == 1)
                .get(0);
        node.actions(node.recipient("alice", org)).submitAction(SubmitActionRequest.newBuilder()
                .setDeliveryId(aliceEntry.getDeliveryId()).setActionId("ack").build());

        assertThat(aliceEntry.getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_DELIVERED);
        assertThat(aliceEntry.getMessage().getTitle()).isEqualTo("Please read");
        assertThat(aliceEntry.getMessage().getBody()).isEqualTo("Hello Alice, please acknowledge.");
        Campaign done = await().atMost(Duration.ofSeconds(60)).until(() -> node.campaigns(node.admin(org))
                .getCampaign(GetCampaignRequest.newBuilder().setId(campaign.getId()).build()).getCampaign(),
                c -> c.getStatus() == CampaignStatus.CAMPAIGN_STATUS_COMPLETED && c.getActionCompletedCount() == 1);
        assertThat(done.getTotalRecipients()).isEqualTo(3);
        List<Delivery> deliveries = node.campaigns(node.admin(org)).listDeliveries(ListDeliveriesRequest.newBuilder()
                .setCampaignId(campaign.getId()).build()).getDeliveriesList();
        assertThat(deliveries).extracting(Delivery::getUserId).containsExactly("alice", "bob", "carol");
        assertThat(deliveries.get(0).getStatus()).isEqualTo(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED);
        assertThat(code(() -> node.inbox(node.recipient("bob", org)).getMessage(
                dev.pidgr.api.v1.GetMessageRequest.newBuilder().setDeliveryId(aliceEntry.getDeliveryId()).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    private static Template createTemplate(String org) {
        return node.templates(node.admin(org))
                .createTemplate(CreateTemplateRequest.newBuilder()
                        .setName("Policy")
                        .setTitle("Policy for {{first_name}}")
                        .setBody("Hello {{first_name}}, please acknowledge.")
                        .addVariables(TemplateVariable.newBuilder()
                                .setName("first_name")
                                .setRequired(true))
                        .build())
                .getTemplate();
    }

    private static CreateCampaignRequest threeMemberCampaign(String templateId) {
        CreateCampaignRequest.Builder request = CreateCampaignRequest.newBuilder().setName("Travel policy")
                .setTemplateId(templateId).setTitle("Please read").setSenderName("HR Team");
        for (String[] member : new String[][] {{"alice", "Alice"}, {"bob", "Bob"}, {"carol", "Carol"}}) {
            request.addAudience(AudienceMember.newBuilder().setUserId(member[0]).putVariables("first_name", member[1]));
        }
        return request.build();
    }

    private static List<String> fieldViolations(StatusRuntimeException e) {
        for (com.google.protobuf.Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                try {
                    return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField)
                            .toList();
                } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
                    throw new AssertionError("unreadable BadRequest detail", bad);
                }
            }
        }
        return List.of();
    }

    private static Status.Code code(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
