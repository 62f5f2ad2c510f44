package dev.pidgr.workflow.nudge;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.FinishNudge;
import dev.pidgr.events.v1.NudgeFinished;
import dev.pidgr.events.v1.NudgeSelected;
import dev.pidgr.workflow.run.Run;

/**
 * What a nudge writes besides its reminders: NudgeSelected, NudgeFinished, and the FinishNudge command that frees
 * the campaign for the next nudge (its id derived from campaign and nudge, so a repeat is the same command).
 */
final class NudgeRecords {

    private NudgeRecords() {
    }

    /** The cause id of a nudge's own events. */
    static String cause(long nudge) {
        return "nudge:" + nudge;
    }

    static DeliveryEvent.Builder selected(long nudge, int matched) {
        return DeliveryEvent.newBuilder().setNudgeSelected(NudgeSelected.newBuilder().setNudge(nudge)
                .setMatched(matched));
    }

    static DeliveryEvent.Builder finished(long nudge, int reminded, int skipped) {
        return DeliveryEvent.newBuilder().setNudgeFinished(NudgeFinished.newBuilder().setNudge(nudge)
                .setReminded(reminded).setSkipped(skipped));
    }

    static CampaignCommand finish(Run run, long nudge, int reminded, int skipped, long now) {
        return CampaignCommand.newBuilder()
                .setCampaignId(run.campaignId())
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(Ids.uuid5("finish-nudge:" + run.campaignId() + ":" + nudge))
                        .setOrganizationId(run.spec().getOrganizationId())
                        .setActor(Run.SYSTEM)
                        .setIssuedAt(Timestamps.fromMillis(now))
                        .setRpc("FinishNudge"))
                .setFinishNudge(FinishNudge.newBuilder().setNudge(nudge).setReminded(reminded).setSkipped(skipped))
                .build();
    }
}
