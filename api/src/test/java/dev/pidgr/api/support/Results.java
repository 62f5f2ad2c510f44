package dev.pidgr.api.support;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Template;
import dev.pidgr.events.v1.Accepted;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.Rejected;
import dev.pidgr.events.v1.TemplateCommand;

/** Command results as the command side would write them, for the responder. */
public final class Results {

    private Results() {
    }

    public static Campaign snapshot(CampaignCommand command, long version) {
        Campaign.Builder campaign = Campaign.newBuilder().setId(command.getCampaignId()).setVersion(version)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED);
        if (command.hasCreateCampaign()) {
            campaign.setName(command.getCreateCampaign().getName())
                    .setTotalRecipients(command.getCreateCampaign().getAudienceCount());
        }
        if (command.hasStartCampaign()) {
            campaign.setStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE);
        }
        if (command.hasCancelCampaign()) {
            campaign.setStatus(CampaignStatus.CAMPAIGN_STATUS_CANCELLED);
        }
        return campaign.build();
    }

    public static CommandResult accepted(CampaignCommand command, long version) {
        return CommandResult.newBuilder()
                .setCommandId(command.getMetadata().getCommandId())
                .setAggregateId(command.getCampaignId())
                .setVersion(version)
                .setAccepted(Accepted.newBuilder().setCampaign(snapshot(command, version)))
                .build();
    }

    public static CommandResult accepted(TemplateCommand command, int version) {
        Template.Builder template = Template.newBuilder().setId(command.getTemplateId()).setVersion(version);
        if (command.hasCreateTemplate()) {
            template.setName(command.getCreateTemplate().getName()).setBody(command.getCreateTemplate().getBody());
        }
        return CommandResult.newBuilder()
                .setCommandId(command.getMetadata().getCommandId())
                .setAggregateId(command.getTemplateId())
                .setVersion(version)
                .setAccepted(Accepted.newBuilder().setTemplate(template))
                .build();
    }

    public static CommandResult rejected(CampaignCommand command, Rejected rejected, long version) {
        return CommandResult.newBuilder()
                .setCommandId(command.getMetadata().getCommandId())
                .setAggregateId(command.getCampaignId())
                .setVersion(version)
                .setRejected(rejected)
                .build();
    }
}
