package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.faults.support.Case;
import io.grpc.Status.Code;
import java.util.List;

/** NudgeCampaign's rows of the invalid-request matrix: every bound of its selector, and the campaign's states. */
final class NudgeCases {

    static final String RPC = "NudgeCampaign";

    private NudgeCases() {
    }

    static List<Case> cases(MatrixFixture f) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        NudgeCampaignRequest.Builder draft = NudgeCampaignRequest.newBuilder().setId(f.draftId);
        NudgeCampaignRequest.Builder tooMany = draft.clone();
        for (int i = 0; i <= 1_000; i++) {
            tooMany.addUserIds("user-" + i);
        }
        return List.of(
                invalid(RPC, "empty id", "id", () -> c.nudgeCampaign(NudgeCampaignRequest.getDefaultInstance())),
                invalid(RPC, "rate 0", "rate_per_second", () -> c.nudgeCampaign(draft.clone().setRatePerSecond(0)
                        .build())),
                invalid(RPC, "rate 10,001", "rate_per_second", () -> c.nudgeCampaign(draft.clone()
                        .setRatePerSecond(10_001).build())),
                invalid(RPC, "1,001 user_ids", "user_ids", () -> c.nudgeCampaign(tooMany.build())),
                invalid(RPC, "status MISSED", "statuses[0]", () -> c.nudgeCampaign(draft.clone()
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_MISSED).build())),
                invalid(RPC, "status ACKNOWLEDGED", "statuses[1]", () -> c.nudgeCampaign(draft.clone()
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                        .addStatuses(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED).build())),
                of(RPC, "a draft (not ACTIVE)", Code.FAILED_PRECONDITION, () -> c.nudgeCampaign(draft.build())),
                of(RPC, "a completed campaign", Code.FAILED_PRECONDITION, () -> c.nudgeCampaign(
                        NudgeCampaignRequest.newBuilder().setId(f.completedId).build())),
                of(RPC, "unknown campaign", Code.NOT_FOUND, () -> c.nudgeCampaign(
                        NudgeCampaignRequest.newBuilder().setId(InvalidRequests.UNKNOWN).build())));
    }
}
