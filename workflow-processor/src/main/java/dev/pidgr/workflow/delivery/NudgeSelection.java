package dev.pidgr.workflow.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.Nudge;
import dev.pidgr.workflow.state.NudgePhase;
import dev.pidgr.workflow.state.NudgeView;
import java.util.HashSet;
import java.util.Set;

/**
 * Which deliveries a nudge selects (docs/workflow.md, "Nudges"; pure): those the fan-out had reached when the nudge
 * was taken in, whose status then was one of its statuses, unread then if it asks for unread only, of one of its
 * users if it names some. "Then" is kept exact while the nudge is walked: the first change of a delivery after the
 * nudge was taken in, before the nudge's reminding passed it, keeps its status and read flag as they were
 * ({@link #keepView}); the selection reads that view instead of the current state.
 */
public final class NudgeSelection {

    private final Nudge nudge;
    private final Set<String> users;

    public NudgeSelection(Nudge nudge) {
        this.nudge = nudge;
        this.users = new HashSet<>(nudge.getUserIdsList());
    }

    /** Whether the nudge selected this member's delivery when it was taken in. */
    public boolean selected(String userId, DeliveryState state) {
        if (!FanOuts.sentTo(nudge.getFanOut(), userId) || !users.isEmpty() && !users.contains(userId)) {
            return false;
        }
        boolean viewed = state.getBeforeNudge().getNudge() == nudge.getNudge();
        DeliveryStatus status = viewed ? state.getBeforeNudge().getStatus() : state.getStatus();
        boolean read = viewed ? state.getBeforeNudge().getRead() : state.getReadAt() != 0;
        return nudge.getStatusesList().contains(status) && !(nudge.getUnreadOnly() && read);
    }

    /**
     * {@code after} keeping the view of {@code before} for the nudge in progress, when this is the delivery's first
     * change since the nudge was taken in and the nudge's reminding has not passed it yet; else {@code after}.
     */
    public static DeliveryState keepView(Nudge nudge, String userId, DeliveryState before, DeliveryState after) {
        if (nudge.getNudge() == 0 || before.getBeforeNudge().getNudge() == nudge.getNudge() || passed(nudge, userId)) {
            return after;
        }
        return after.toBuilder().setBeforeNudge(NudgeView.newBuilder().setNudge(nudge.getNudge())
                .setStatus(before.getStatus()).setRead(before.getReadAt() != 0)).build();
    }

    private static boolean passed(Nudge nudge, String userId) {
        return nudge.getPhase() == NudgePhase.NUDGE_PHASE_REMINDING && !nudge.getScanAfter().isEmpty()
                && FanOuts.compareUserIds(userId, nudge.getScanAfter()) <= 0;
    }
}
