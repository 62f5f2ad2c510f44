package dev.pidgr.command.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CancelCampaign;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CompleteCampaign;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.FailCampaign;
import dev.pidgr.events.v1.FinishNudge;
import dev.pidgr.events.v1.NudgeCampaign;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.UpdateCampaign;
import dev.pidgr.events.v1.UpdateTemplate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Commands as the gateway sends them, with fresh command ids and a fixed clock. */
public final class Commands {

    public static final String ORG = "org-acme";
    public static final String OTHER_ORG = "org-other";
    public static final String ACTOR = "user-7";
    public static final Timestamp ISSUED_AT = Timestamp.newBuilder().setSeconds(1_800_000_000L).build();

    private Commands() {
    }

    public static CommandMetadata.Builder metadata(String rpc) {
        return CommandMetadata.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setOrganizationId(ORG)
                .setActor(ACTOR)
                .setIssuedAt(ISSUED_AT)
                .setRpc(rpc);
    }

    public static CampaignCommand.Builder campaign(String campaignId, String rpc) {
        return CampaignCommand.newBuilder().setCampaignId(campaignId).setMetadata(metadata(rpc));
    }

    public static CampaignCommand.Builder create(String campaignId, CreateCampaign.Builder create) {
        return campaign(campaignId, "CreateCampaign").setCreateCampaign(create);
    }

    public static CreateCampaign.Builder createCampaign(String templateId, int members) {
        return CreateCampaign.newBuilder().setName("Spring safety briefing").setTemplateId(templateId)
                .addAllAudience(members(members));
    }

    public static CampaignCommand.Builder update(String campaignId, UpdateCampaign.Builder update) {
        return campaign(campaignId, "UpdateCampaign").setUpdateCampaign(update);
    }

    public static CampaignCommand.Builder start(String campaignId) {
        return campaign(campaignId, "StartCampaign").setStartCampaign(StartCampaign.getDefaultInstance());
    }

    public static CampaignCommand.Builder startAt(String campaignId, Timestamp startAt) {
        return campaign(campaignId, "StartCampaign").setStartCampaign(StartCampaign.newBuilder().setStartAt(startAt));
    }

    /** The workflow processor's start when the schedule made by event {@code scheduleVersion} is due. */
    public static CampaignCommand.Builder scheduledStart(String campaignId, long scheduleVersion) {
        CampaignCommand.Builder b = campaign(campaignId, "StartCampaign")
                .setStartCampaign(StartCampaign.newBuilder().setScheduleVersion(scheduleVersion));
        b.getMetadataBuilder().setActor("system:workflow");
        return b;
    }

    public static CampaignCommand.Builder cancel(String campaignId) {
        return campaign(campaignId, "CancelCampaign").setCancelCampaign(CancelCampaign.getDefaultInstance());
    }

    public static CampaignCommand.Builder complete(String campaignId) {
        CampaignCommand.Builder b =
                campaign(campaignId, "CompleteCampaign").setCompleteCampaign(CompleteCampaign.getDefaultInstance());
        b.getMetadataBuilder().setActor("system:workflow");
        return b;
    }

    public static CampaignCommand.Builder nudge(String campaignId, NudgeCampaign.Builder nudge) {
        return campaign(campaignId, "NudgeCampaign").setNudgeCampaign(nudge);
    }

    public static CampaignCommand.Builder finishNudge(String campaignId, long nudge, int reminded, int skipped) {
        CampaignCommand.Builder b = campaign(campaignId, "FinishNudge").setFinishNudge(FinishNudge.newBuilder()
                .setNudge(nudge).setReminded(reminded).setSkipped(skipped));
        b.getMetadataBuilder().setActor("system:workflow");
        return b;
    }

    public static CampaignCommand.Builder fail(String campaignId, String reason) {
        CampaignCommand.Builder b = campaign(campaignId, "FailCampaign")
                .setFailCampaign(FailCampaign.newBuilder().setReason(reason));
        b.getMetadataBuilder().setActor("system:workflow");
        return b;
    }

    public static TemplateCommand.Builder createTemplate(String templateId, CreateTemplate.Builder create) {
        return TemplateCommand.newBuilder().setTemplateId(templateId).setMetadata(metadata("CreateTemplate"))
                .setCreateTemplate(create);
    }

    public static TemplateCommand.Builder updateTemplate(String templateId, UpdateTemplate.Builder update) {
        return TemplateCommand.newBuilder().setTemplateId(templateId).setMetadata(metadata("UpdateTemplate"))
                .setUpdateTemplate(update);
    }

    /** Members "user-00000", "user-00001", ... without variables. */
    public static List<AudienceMember> members(int count) {
        List<AudienceMember> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(AudienceMember.newBuilder().setUserId(String.format("user-%05d", i)).build());
        }
        return members;
    }

    /** With an idempotency key and the hash of a request text. */
    public static CommandMetadata keyed(CommandMetadata m, String key, String request) {
        return m.toBuilder().setIdempotencyKey(key)
                .setRequestHash(ByteString.copyFrom(request.getBytes(StandardCharsets.UTF_8))).build();
    }
}
