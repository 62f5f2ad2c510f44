package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignNudgeFinished;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.FinishNudge;
import dev.pidgr.events.v1.NudgeCampaign;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * NudgeCampaign (docs/api.md, "NudgeCampaign"): an ACTIVE campaign without a nudge in progress records the selector
 * with its defaults resolved; the workflow processor selects and reminds, then sends FinishNudge, which frees the
 * campaign for the next nudge. The api validates the request first; the bounds are checked again here so that no
 * command reaches the log outside them.
 */
final class NudgeRules {

    static final int DEFAULT_RATE = 1_000;
    static final int MAX_RATE = 10_000;
    static final int MAX_USERS = 1_000;
    private static final List<DeliveryStatus> SELECTABLE = List.of(DeliveryStatus.DELIVERY_STATUS_SENT,
            DeliveryStatus.DELIVERY_STATUS_DELIVERED);

    private NudgeRules() {
    }

    static Decision<CampaignEvent.Builder> nudge(CampaignState state, NudgeCampaign command) {
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_ACTIVE) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + "; only an ACTIVE campaign can be nudged"));
        }
        if (state.nudgeInProgress() != 0) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " has a nudge in"
                    + " progress (version " + state.nudgeInProgress() + "); nudge again once it finished"));
        }
        List<Violation> violations = violations(state, command);
        if (!violations.isEmpty()) {
            return Decision.reject(Rejection.invalid(violations));
        }
        CampaignNudged.Builder nudged = CampaignNudged.newBuilder()
                .addAllStatuses(command.getStatusesCount() == 0 ? SELECTABLE : command.getStatusesList())
                .setUnreadOnly(command.getUnreadOnly())
                .addAllUserIds(command.getUserIdsList())
                .setRatePerSecond(command.getRatePerSecond() == 0 ? DEFAULT_RATE : command.getRatePerSecond())
                .setMessageStepId(command.getMessageStepId().isEmpty()
                        ? firstReminder(state).map(WorkflowStep::getId).orElse("") : command.getMessageStepId());
        return Decision.accept(List.of(CampaignEvent.newBuilder().setNudged(nudged)));
    }

    static Decision<CampaignEvent.Builder> finish(CampaignState state, FinishNudge command) {
        if (state.nudgeInProgress() == 0 || state.nudgeInProgress() != command.getNudge()) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " has no nudge "
                    + command.getNudge() + " in progress"));
        }
        return Decision.accept(List.of(CampaignEvent.newBuilder().setNudgeFinished(CampaignNudgeFinished.newBuilder()
                .setNudge(command.getNudge()).setReminded(command.getReminded()).setSkipped(command.getSkipped()))));
    }

    private static List<Violation> violations(CampaignState state, NudgeCampaign command) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < command.getStatusesCount(); i++) {
            if (!SELECTABLE.contains(command.getStatuses(i))) {
                violations.add(new Violation("statuses[" + i + "]", "must be SENT or DELIVERED"));
            }
        }
        if (command.getUserIdsCount() > MAX_USERS) {
            violations.add(new Violation("user_ids", "at most " + MAX_USERS + " user ids"));
        }
        if (command.getRatePerSecond() < 0 || command.getRatePerSecond() > MAX_RATE) {
            violations.add(new Violation("rate_per_second", "must be 1 to " + MAX_RATE));
        }
        String stepId = command.getMessageStepId();
        if (!stepId.isEmpty() && state.workflow().getStepsList().stream()
                .noneMatch(s -> s.getId().equals(stepId) && s.getType() == StepType.STEP_TYPE_SEND_REMINDER)) {
            violations.add(new Violation("message_step_id", "\"" + stepId + "\" is not a SEND_REMINDER step of the"
                    + " campaign's workflow"));
        }
        return violations;
    }

    private static Optional<WorkflowStep> firstReminder(CampaignState state) {
        return state.workflow().getStepsList().stream()
                .filter(s -> s.getType() == StepType.STEP_TYPE_SEND_REMINDER).findFirst();
    }
}
