package dev.pidgr.workflow.run;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.workflow.state.RunStatus;
import java.util.Optional;

/**
 * A scheduled start as a timer (docs/workflow.md, "Scheduled start"). CampaignScheduled sets the draft's wake-up
 * to start_at and remembers the event's version; when the wake-up comes, the run asks the command side to start
 * the campaign with that version, and the command side does so only while that very schedule stands. The wake-up
 * is removed in the transaction that sends the command, and the command's id is derived from the campaign and the
 * version, so neither a restart nor a replay loses or repeats it; CampaignStarted or CampaignCancelled (and a later
 * CampaignScheduled) replace the wake-up.
 */
public final class ScheduledStart {

    private ScheduledStart() {
    }

    /**
     * CampaignScheduled on a draft: its wake-up is the start_at, rounded up to the millisecond so that the start is
     * never before it (a later schedule replaces an earlier one).
     */
    static Decision scheduled(Run run, CampaignEvent event) {
        Timestamp startAt = event.getScheduled().getStartAt();
        long due = Timestamps.toMillis(startAt) + (startAt.getNanos() % 1_000_000 == 0 ? 0 : 1);
        return Decision.of(run.with(run.cursor().toBuilder()
                .setScheduleVersion(event.getVersion())
                .setWakeUpAt(due)
                .build()));
    }

    /**
     * The draft's wake-up came (the cursor no longer holds it): the StartCampaign for its schedule; empty for a run
     * that has no schedule pending.
     */
    public static Optional<Decision> due(Run run, long now) {
        long version = run.cursor().getScheduleVersion();
        if (run.cursor().getStatus() != RunStatus.RUN_STATUS_DRAFT || version == 0) {
            return Optional.empty();
        }
        return Optional.of(new Effects(run).add(new Effect.Command(command(run, version, now))).decide());
    }

    static CampaignCommand command(Run run, long version, long now) {
        return CampaignCommand.newBuilder()
                .setCampaignId(run.campaignId())
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(Ids.uuid5("scheduled-start:" + run.campaignId() + ":" + version))
                        .setOrganizationId(run.spec().getOrganizationId())
                        .setActor(Run.SYSTEM)
                        .setIssuedAt(Timestamps.fromMillis(now))
                        .setRpc("StartCampaign"))
                .setStartCampaign(StartCampaign.newBuilder().setScheduleVersion(version))
                .build();
    }
}
