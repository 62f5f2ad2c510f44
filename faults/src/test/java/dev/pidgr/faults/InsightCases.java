package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.ListCampaignHistoryRequest;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.api.v1.PreviewCampaignRequest;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Requests;
import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;

/** PreviewCampaign and ListCampaignHistory rows of the invalid-request matrix. */
final class InsightCases {

    private InsightCases() {
    }

    static List<Case> cases(MatrixFixture f) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        List<Case> cases = new ArrayList<>();
        String preview = "PreviewCampaign";
        cases.add(invalid(preview, "0 user_ids", "user_ids",
                () -> c.previewCampaign(PreviewCampaignRequest.newBuilder().setId(f.draftId).build())));
        cases.add(invalid(preview, "21 user_ids", "user_ids",
                () -> c.previewCampaign(previewOf(f.draftId, Requests.users(21)))));
        cases.add(invalid(preview, "a user not in the audience", "user_ids[1]",
                () -> c.previewCampaign(previewOf(f.draftId, List.of("user-000000", "user-999999")))));
        cases.add(invalid(preview, "a step the workflow does not have", "step_id",
                () -> c.previewCampaign(previewOf(f.draftId, List.of("user-000000")).toBuilder()
                        .setStepId("no-such-step").build())));
        cases.add(of(preview, "unknown campaign", Code.NOT_FOUND,
                () -> c.previewCampaign(previewOf(InvalidRequests.UNKNOWN, List.of("user-000000")))));
        cases.add(of(preview, "another organization's campaign", Code.NOT_FOUND,
                () -> f.b.campaigns().previewCampaign(previewOf(f.draftId, List.of("user-000000")))));

        String history = "ListCampaignHistory";
        cases.add(invalid(history, "empty id", "id",
                () -> c.listCampaignHistory(ListCampaignHistoryRequest.getDefaultInstance())));
        cases.add(of(history, "unknown campaign", Code.NOT_FOUND,
                () -> c.listCampaignHistory(historyOf(InvalidRequests.UNKNOWN, Pagination.getDefaultInstance()))));
        cases.add(of(history, "another organization's campaign", Code.NOT_FOUND,
                () -> f.b.campaigns().listCampaignHistory(historyOf(f.draftId, Pagination.getDefaultInstance()))));
        cases.add(invalid(history, "negative page_size", "page_size",
                () -> c.listCampaignHistory(historyOf(f.draftId, Pagination.newBuilder().setPageSize(-1).build()))));
        cases.add(invalid(history, "page_token of 2049", "page_token",
                () -> c.listCampaignHistory(historyOf(f.draftId,
                        Pagination.newBuilder().setPageToken("t".repeat(2049)).build()))));
        cases.add(invalid(history, "forged page_token", "page_token",
                () -> c.listCampaignHistory(historyOf(f.draftId,
                        Pagination.newBuilder().setPageToken("eyJmb3JnZWQiOnRydWV9").build()))));
        return cases;
    }

    private static PreviewCampaignRequest previewOf(String id, List<String> users) {
        return PreviewCampaignRequest.newBuilder().setId(id).addAllUserIds(users).build();
    }

    private static ListCampaignHistoryRequest historyOf(String id, Pagination pagination) {
        return ListCampaignHistoryRequest.newBuilder().setId(id).setPagination(pagination).build();
    }
}
