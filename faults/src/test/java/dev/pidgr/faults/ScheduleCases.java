package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;
import static dev.pidgr.faults.support.Case.of;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Requests;
import io.grpc.Status.Code;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The scheduled start's rows of the invalid-request matrix (docs/api.md, "Scheduled start"): start_at too soon or
 * too far (the draft stays CREATED), and an update of a SCHEDULED campaign.
 */
final class ScheduleCases {

    private ScheduleCases() {
    }

    static List<Case> cases(MatrixFixture f) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        String scheduledId = c.createCampaign(Requests.campaign("Scheduled", f.templateId, Requests.users(2), null))
                .getCampaign().getId();
        c.startCampaign(startAt(scheduledId, Duration.ofDays(1)));
        String start = "StartCampaign";
        return List.of(
                invalid(start, "start_at 59 s ahead", "start_at",
                        () -> c.startCampaign(startAt(f.draftId, Duration.ofSeconds(59)))),
                invalid(start, "start_at 366 days ahead", "start_at",
                        () -> c.startCampaign(startAt(f.draftId, Duration.ofDays(366)))),
                of(start, "start_at ahead on a cancelled campaign", Code.FAILED_PRECONDITION,
                        () -> c.startCampaign(startAt(f.cancelledId, Duration.ofHours(1)))),
                of("UpdateCampaign", "scheduled campaign", Code.FAILED_PRECONDITION,
                        () -> c.updateCampaign(UpdateCampaignRequest.newBuilder().setId(scheduledId).setName("x")
                                .build())));
    }

    private static StartCampaignRequest startAt(String id, Duration ahead) {
        Instant at = Instant.now().plus(ahead);
        return StartCampaignRequest.newBuilder().setId(id)
                .setStartAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano())).build();
    }
}
