package dev.pidgr.faults;

import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.Ids;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.Requests;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * What the request matrices call against: one deployment that refuses insecure webhooks (as in
 * production), organization A with a template and campaigns in every state, one sent delivery per
 * recipient, and organization B, the stranger.
 */
final class MatrixFixture implements AutoCloseable {

    static final String ORG_A = "org-matrix-a";
    static final String ORG_B = "org-matrix-b";
    static final String RECIPIENT = "user-000000";
    static final String OTHER_RECIPIENT = "user-000001";

    final Deployment deployment = new Deployment("matrix", 3, false);
    final Node node = deployment.node(EnumSet.complementOf(EnumSet.of(Role.GATEWAY)));
    final Api a = new Api(node.grpcPort(), ORG_A);
    final Api b = new Api(node.grpcPort(), ORG_B);
    final String templateId;
    /** CREATED, three members with their variables. */
    final String draftId;
    /** Started with two members and walked to the end: COMPLETED, with a delivery each. */
    final String completedId;
    final String cancelledId;
    /** CREATED without an audience. */
    final String emptyId;
    /** CREATED with user_ids only: the template's required variable is missing for everyone. */
    final String missingVariableId;
    final String deliveryId;
    final String otherDeliveryId;
    final String campaignsPageToken;

    MatrixFixture() {
        templateId = a.templates().createTemplate(Requests.template("Matrix")).getTemplate().getId();
        draftId = create(Requests.campaign("Draft", templateId, Requests.users(3), null));
        completedId = create(Requests.campaign("Completed", templateId, Requests.users(2), null));
        cancelledId = create(Requests.campaign("Cancelled", templateId, Requests.users(1), null));
        emptyId = create(CreateCampaignRequest.newBuilder().setName("Empty").setTemplateId(templateId).build());
        missingVariableId = create(CreateCampaignRequest.newBuilder().setName("No variables").setTemplateId(templateId)
                .addAllUserIds(List.of("someone")).build());
        a.campaigns().cancelCampaign(CancelCampaignRequest.newBuilder().setId(cancelledId).build());
        a.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(completedId).build());
        deliveryId = Ids.deliveryId(completedId, RECIPIENT);
        otherDeliveryId = Ids.deliveryId(completedId, OTHER_RECIPIENT);
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> a.campaigns()
                                        .getCampaign(GetCampaignRequest.newBuilder()
                                                .setId(completedId)
                                                .build())
                                        .getCampaign()
                                        .getStatus()
                                == CampaignStatus.CAMPAIGN_STATUS_COMPLETED
                        && a.inbox(a.recipient(RECIPIENT))
                                .getMessage(GetMessageRequest.newBuilder()
                                        .setDeliveryId(deliveryId)
                                        .build())
                                .hasEntry()
                        && a.inbox(a.recipient(OTHER_RECIPIENT))
                                .getMessage(GetMessageRequest.newBuilder()
                                        .setDeliveryId(otherDeliveryId)
                                        .build())
                                .hasEntry());
        campaignsPageToken = a.campaigns().listCampaigns(ListCampaignsRequest.newBuilder()
                .setPagination(Pagination.newBuilder().setPageSize(1)).build()).getPagination().getNextPageToken();
    }

    private String create(CreateCampaignRequest request) {
        return a.campaigns().createCampaign(request).getCampaign().getId();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        deployment.close();
    }
}
