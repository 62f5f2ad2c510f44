package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CompleteCampaign;
import dev.pidgr.events.v1.FailCampaign;
import dev.pidgr.contract.Ids;

/**
 * The command that closes a campaign once its walk ended. Its id is deterministic
 * ({@code uuid5("complete:" + campaignId)} or {@code uuid5("fail:" + campaignId)}), so a repeat is
 * recognisably the same command; it has no deadline, since it must apply whenever it is read.
 */
final class Completion {

    private Completion() {
    }

    static CampaignCommand command(Run run, String failure, long now) {
        boolean failed = !failure.isEmpty();
        CampaignCommand.Builder command = CampaignCommand.newBuilder()
                .setCampaignId(run.campaignId())
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(Ids.uuid5((failed ? "fail:" : "complete:") + run.campaignId()))
                        .setOrganizationId(run.spec().getOrganizationId())
                        .setActor(Run.SYSTEM)
                        .setIssuedAt(Timestamps.fromMillis(now))
                        .setRpc(failed ? "FailCampaign" : "CompleteCampaign"));
        if (failed) {
            command.setFailCampaign(FailCampaign.newBuilder().setReason(failure));
        } else {
            command.setCompleteCampaign(CompleteCampaign.getDefaultInstance());
        }
        return command.build();
    }
}
