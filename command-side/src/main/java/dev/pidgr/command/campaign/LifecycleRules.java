package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCompleted;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignFailed;
import dev.pidgr.events.v1.FailCampaign;
import java.util.List;

/**
 * Cancel (from CREATED, SCHEDULED or ACTIVE), and the workflow processor's Complete and Fail (from ACTIVE
 * only: a completion racing a cancel finds the campaign CANCELLED and changes nothing).
 */
final class LifecycleRules {

    /** A failure reason is for people; a longer one is cut rather than refused, so the campaign still ends. */
    static final int MAX_REASON_LENGTH = 2000;

    private LifecycleRules() {
    }

    static Decision<CampaignEvent.Builder> cancel(CampaignState state, Timestamp at) {
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_CREATED
                && state.status() != CampaignStatus.CAMPAIGN_STATUS_SCHEDULED
                && state.status() != CampaignStatus.CAMPAIGN_STATUS_ACTIVE) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + "; only a CREATED, SCHEDULED or ACTIVE campaign can be cancelled"));
        }
        return Decision.accept(List.of(CampaignEvent.newBuilder().setCancelled(
                CampaignCancelled.newBuilder().setCancelledAt(at).setPreviousStatus(state.status()))));
    }

    static Decision<CampaignEvent.Builder> complete(CampaignState state, Timestamp at) {
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_ACTIVE) {
            return notActive(state, "completed");
        }
        return Decision.accept(List.of(CampaignEvent.newBuilder()
                .setCompleted(CampaignCompleted.newBuilder().setCompletedAt(at))));
    }

    static Decision<CampaignEvent.Builder> fail(CampaignState state, FailCampaign command, Timestamp at) {
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_ACTIVE) {
            return notActive(state, "failed");
        }
        String reason = command.getReason();
        if (reason.codePointCount(0, reason.length()) > MAX_REASON_LENGTH) {
            reason = reason.substring(0, reason.offsetByCodePoints(0, MAX_REASON_LENGTH));
        }
        return Decision.accept(List.of(CampaignEvent.newBuilder().setFailed(
                CampaignFailed.newBuilder().setFailedAt(at).setReason(reason))));
    }

    private static Decision<CampaignEvent.Builder> notActive(CampaignState state, String what) {
        return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                + state.statusName() + "; only an ACTIVE campaign can be " + what));
    }
}
