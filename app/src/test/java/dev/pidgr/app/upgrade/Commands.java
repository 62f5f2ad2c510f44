package dev.pidgr.app.upgrade;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Platform;
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
import dev.pidgr.events.v1.DeactivateDevice;
import dev.pidgr.events.v1.DeactivationReason;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.FailCampaign;
import dev.pidgr.events.v1.NudgeCampaign;
import dev.pidgr.events.v1.RegisterDevice;
import dev.pidgr.events.v1.SetEmail;
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

    DeviceCommand register(String userId, String deviceId, String token) {
        return device(userId, "Register").setRegisterDevice(RegisterDevice.newBuilder().setDeviceId(deviceId)
                .setPlatform(Platform.PLATFORM_IOS).setPushToken(token)).build();
    }

    DeviceCommand deactivate(String userId, String deviceId) {
        return device(userId, "Deactivate").setDeactivateDevice(DeactivateDevice.newBuilder().setDeviceId(deviceId)
                .setReason(DeactivationReason.DEACTIVATION_REASON_USER)).build();
    }

    /** As the channel gateway writes it when a provider refused {@code token}. */
    DeviceCommand unregistered(String userId, String deviceId, String token) {
        DeviceCommand.Builder command = device(userId, "").setDeactivateDevice(DeactivateDevice.newBuilder()
                .setDeviceId(deviceId).setReason(DeactivationReason.DEACTIVATION_REASON_UNREGISTERED)
                .setPushToken(token));
        command.getMetadataBuilder().setActor("system:gateway");
        return command.build();
    }

    DeviceCommand setEmail(String userId, String email) {
        return device(userId, "SetEmail").setSetEmail(SetEmail.newBuilder().setEmail(email)).build();
    }

    /** The command as a record of its topic, keyed by its aggregate, with the gateway's headers. */
    static StreamRecord record(int step, Message command) {
        CommandMetadata metadata;
        String key;
        String topic;
        switch (command) {
            case CampaignCommand c -> {
                metadata = c.getMetadata();
                key = c.getCampaignId();
                topic = Contract.TOPICS.campaignCommands().name();
            }
            case TemplateCommand t -> {
                metadata = t.getMetadata();
                key = t.getTemplateId();
                topic = Contract.TOPICS.templateCommands().name();
            }
            case DeviceCommand d -> {
                metadata = d.getMetadata();
                key = d.getUserId();
                topic = Contract.TOPICS.deviceCommands().name();
            }
            default -> throw new IllegalArgumentException("not a command: " + command.getClass());
        }
        Headers headers = EventHeaders.of(command, metadata.getCommandId());
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(metadata.getCommandId()));
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

    private DeviceCommand.Builder device(String userId, String rpc) {
        DeviceCommand.Builder command = DeviceCommand.newBuilder().setUserId(userId).setMetadata(metadata(rpc));
        command.getMetadataBuilder().setActor(userId);
        return command;
    }

    private CommandMetadata metadata(String rpc) {
        return CommandMetadata.newBuilder().setCommandId(Ids.uuid5("upgrade-command:" + ++issued))
                .setOrganizationId(ORG).setActor("user-admin").setIssuedAt(ISSUED_AT).setRpc(rpc).build();
    }

    private static TemplateVariable name() {
        return TemplateVariable.newBuilder().setName("name").setDefaultValue("there").build();
    }
}
