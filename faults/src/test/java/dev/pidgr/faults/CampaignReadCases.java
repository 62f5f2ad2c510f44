package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.faults.support.Case;
import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;

/** ListCampaigns, UpdateCampaign, CancelCampaign and ListDeliveries rows of the invalid-request matrix. */
final class CampaignReadCases {

    private CampaignReadCases() {
    }

    static List<Case> cases(MatrixFixture f) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        List<Case> cases = new ArrayList<>();
        String list = "ListCampaigns";
        cases.add(invalid(
                list,
                "negative page_size",
                "page_size",
                () -> c.listCampaigns(ListCampaignsRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageSize(-1))
                        .build())));
        cases.add(invalid(
                list,
                "forged page_token",
                "page_token",
                () -> c.listCampaigns(ListCampaignsRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageToken("eyJmb3JnZWQiOnRydWV9"))
                        .build())));
        cases.add(invalid(
                list,
                "page_token of 2049",
                "page_token",
                () -> c.listCampaigns(ListCampaignsRequest.newBuilder()
                        .setPagination(Pagination.newBuilder().setPageToken("t".repeat(2049)))
                        .build())));

        String update = "UpdateCampaign";
        cases.add(invalid(
                update,
                "id not a UUID",
                "id",
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId("bad")
                        .setName("x")
                        .build())));
        cases.add(of(
                update,
                "unknown campaign",
                Code.NOT_FOUND,
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(InvalidRequests.UNKNOWN)
                        .setName("x")
                        .build())));
        cases.add(of(
                update,
                "completed campaign",
                Code.FAILED_PRECONDITION,
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.completedId)
                        .setName("x")
                        .build())));
        cases.add(invalid(
                update,
                "name of 201",
                "name",
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setName("n".repeat(201))
                        .build())));
        cases.add(invalid(
                update,
                "template_id not a UUID",
                "template_id",
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setTemplateId("tpl")
                        .build())));
        cases.add(invalid(
                update,
                "negative template_version",
                "template_version",
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setTemplateVersion(-1)
                        .build())));
        cases.add(of(
                update,
                "unknown template",
                Code.FAILED_PRECONDITION,
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setTemplateId(InvalidRequests.UNKNOWN)
                        .build())));
        cases.add(of(
                update,
                "stale expected_version",
                Code.ABORTED,
                () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setName("x")
                        .setExpectedVersion(99)
                        .build())));

        String cancel = "CancelCampaign";
        cases.add(invalid(
                cancel,
                "id not a UUID",
                "id",
                () -> c.cancelCampaign(
                        CancelCampaignRequest.newBuilder().setId("bad").build())));
        cases.add(of(
                cancel,
                "unknown campaign",
                Code.NOT_FOUND,
                () -> c.cancelCampaign(CancelCampaignRequest.newBuilder()
                        .setId(InvalidRequests.UNKNOWN)
                        .build())));
        cases.add(of(
                cancel,
                "cancelled campaign",
                Code.FAILED_PRECONDITION,
                () -> c.cancelCampaign(
                        CancelCampaignRequest.newBuilder().setId(f.cancelledId).build())));
        cases.add(of(
                cancel,
                "completed campaign",
                Code.FAILED_PRECONDITION,
                () -> c.cancelCampaign(
                        CancelCampaignRequest.newBuilder().setId(f.completedId).build())));
        cases.add(of(
                cancel,
                "stale expected_version",
                Code.ABORTED,
                () -> c.cancelCampaign(CancelCampaignRequest.newBuilder()
                        .setId(f.draftId)
                        .setExpectedVersion(99)
                        .build())));

        String deliveries = "ListDeliveries";
        cases.add(invalid(
                deliveries,
                "campaign_id not a UUID",
                "campaign_id",
                () -> c.listDeliveries(
                        ListDeliveriesRequest.newBuilder().setCampaignId("bad").build())));
        cases.add(invalid(
                deliveries,
                "undefined status_filter",
                "status_filter",
                () -> c.listDeliveries(ListDeliveriesRequest.newBuilder()
                        .setCampaignId(f.completedId)
                        .setStatusFilterValue(99)
                        .build())));
        cases.add(invalid(
                deliveries,
                "negative page_size",
                "page_size",
                () -> c.listDeliveries(ListDeliveriesRequest.newBuilder()
                        .setCampaignId(f.completedId)
                        .setPagination(Pagination.newBuilder().setPageSize(-1))
                        .build())));
        cases.add(invalid(
                deliveries,
                "a ListCampaigns page_token",
                "page_token",
                () -> c.listDeliveries(ListDeliveriesRequest.newBuilder()
                        .setCampaignId(f.completedId)
                        .setPagination(Pagination.newBuilder().setPageToken(f.campaignsPageToken))
                        .build())));
        cases.add(of(
                deliveries,
                "unknown campaign",
                Code.NOT_FOUND,
                () -> c.listDeliveries(ListDeliveriesRequest.newBuilder()
                        .setCampaignId(InvalidRequests.UNKNOWN)
                        .build())));
        return cases;
    }
}
