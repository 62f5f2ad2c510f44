package dev.pidgr.app.upgrade;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CancelCampaign;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.FailCampaign;
import dev.pidgr.events.v1.NudgeCampaign;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.UpdateCampaign;
import dev.pidgr.events.v1.UpdateTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Commands as the api gateway writes them (headers included), with ids counted from a fixed seed,
 * a fixed issued_at and no deadline: a recorded command is then decided the same way whenever it is
 * replayed. {@link #fail} is written as the workflow processor writes it when a walk fails.
 */
final class Commands {

    static final String ORG = "org-upgrade";
    static final Timestamp ISSUED_AT = Timestamp.newBuilder().setSeconds(1_800_000_000L).build();

    private int issued;

    TemplateCommand createTemplate(String templateId) {
        return TemplateCommand.newBuilder().setTemplateId(templateId).setMetadata(metadata("CreateTemplate"))
                .setCreateTemplate(CreateTemplate.newBuilder().setName("Safety").setTitle("Hello {{name}}")
                        .setBody("Please read the **safety** rules, {{name}}.")
                        .setType(TemplateType.TEMPLATE_TYPE_MARKDOWN).addVariables(name()))
                .build();
    }

    TemplateCommand updateTemplate(String templateId) {
        return TemplateCommand.newBuilder().setTemplateId(templateId).setMetadata(metadata("UpdateTemplate"))
                .setUpdateTemplate(UpdateTemplate.newBuilder()
                        .setBody("Please read the **new** safety rules, {{name}}.").addVariables(name()))
                .build();
    }

    CampaignCommand create(String campaignId, List<String> members, WorkflowDefinition workflow) {
        return create(campaignId, members.stream().map(m -> AudienceMember.newBuilder().setUserId(m).build())
                .toList(), workflow);
    }

    CampaignCommand create(String campaignId, Iterable<AudienceMember> audience, WorkflowDefinition workflow) {
        return campaign(campaignId, "CreateCampaign").setCreateCampaign(CreateCampaign.newBuilder()
                .setName("Safety " + campaignId.substring(campaignId.length() - 2))
                .setTemplateId(Scenario.TEMPLATE).addAllAudience(audience).setWorkflow(workflow)
                .setSenderName("Safety Team")).build();
    }

    CampaignCommand update(String campaignId) {
        return campaign(campaignId, "UpdateCampaign")
                .setUpdateCampaign(UpdateCampaign.newBuilder().setTitle("Read this today")).build();
    }

    CampaignCommand start(String campaignId) {
        return campaign(campaignId, "StartCampaign").setStartCampaign(StartCampaign.getDefaultInstance()).build();
    }

    /** A start a day after {@link #ISSUED_AT}: CampaignScheduled (the workflow's real clock never reaches it). */
    CampaignCommand schedule(String campaignId) {
        return campaign(campaignId, "StartCampaign").setStartCampaign(StartCampaign.newBuilder()
                .setStartAt(Timestamp.newBuilder().setSeconds(ISSUED_AT.getSeconds() + 86_400))).build();
    }

    CampaignCommand cancel(String campaignId) {
        return campaign(campaignId, "CancelCampaign").setCancelCampaign(CancelCampaign.getDefaultInstance()).build();
    }

    CampaignCommand nudge(String campaignId) {
        return campaign(campaignId, "NudgeCampaign").setNudgeCampaign(NudgeCampaign.newBuilder().setUnreadOnly(true)
                .setRatePerSecond(100)).build();
    }

    CampaignCommand fail(String campaignId) {
        CampaignCommand.Builder command = campaign(campaignId, "FailCampaign")
                .setFailCampaign(FailCampaign.newBuilder().setReason("step \"wait\" failed (recorded)"));
        command.getMetadataBuilder().setActor("system:workflow");
        return command.build();
    }

    /** The command as a record of its topic, keyed by its aggregate, with the gateway's headers. */
    static StreamRecord record(int step, Message command) {
        boolean campaign = command instanceof CampaignCommand;
        CommandMetadata metadata = campaign ? ((CampaignCommand) command).getMetadata()
                : ((TemplateCommand) command).getMetadata();
        String key = campaign ? ((CampaignCommand) command).getCampaignId()
                : ((TemplateCommand) command).getTemplateId();
        Headers headers = EventHeaders.of(command, metadata.getCommandId());
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(metadata.getCommandId()));
        String topic = campaign ? Contract.TOPICS.campaignCommands().name() : Contract.TOPICS.templateCommands().name();
        return StreamRecord.record(step, true, topic, key, headers(headers), command.toByteArray());
    }

    static List<StreamRecord.Header> headers(Headers headers) {
        List<StreamRecord.Header> out = new ArrayList<>();
        for (Header h : headers) {
            out.add(new StreamRecord.Header(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private CampaignCommand.Builder campaign(String campaignId, String rpc) {
        return CampaignCommand.newBuilder().setCampaignId(campaignId).setMetadata(metadata(rpc));
    }

    private CommandMetadata metadata(String rpc) {
        return CommandMetadata.newBuilder().setCommandId(Ids.uuid5("upgrade-command:" + ++issued))
                .setOrganizationId(ORG).setActor("user-admin").setIssuedAt(ISSUED_AT).setRpc(rpc).build();
    }

    private static TemplateVariable name() {
        return TemplateVariable.newBuilder().setName("name").setDefaultValue("there").build();
    }
}
