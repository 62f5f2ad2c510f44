package dev.pidgr.api.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.NudgeCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CancelCampaign;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.NudgeCampaign;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.events.v1.UpdateCampaign;
import java.util.List;
import java.util.UUID;

/** Requests to campaign commands: pure mapping, no I/O. */
final class CampaignCommands {

    private CampaignCommands() {
    }

    /**
     * A new campaign's id: derived from the idempotency key when there is one, so a retry lands on the same campaign.
     */
    static String newCampaignId(String organizationId, String idempotencyKey) {
        return idempotencyKey.isEmpty()
                ? UUID.randomUUID().toString() : Ids.campaignIdForIdempotencyKey(organizationId, idempotencyKey);
    }

    static CampaignCommand create(CreateCampaignRequest request, String campaignId, CommandMetadata metadata) {
        CreateCampaign.Builder create = CreateCampaign.newBuilder()
                .setName(request.getName())
                .setTemplateId(request.getTemplateId())
                .setTemplateVersion(request.getTemplateVersion())
                .addAllAudience(audience(request))
                .setSenderName(request.getSenderName())
                .setTitle(request.getTitle());
        if (request.hasWorkflow()) {
            create.setWorkflow(request.getWorkflow());
        }
        return envelope(metadata, campaignId).setCreateCampaign(create).build();
    }

    /** {@code audience} wins when set; otherwise every user id becomes a member without variables. */
    static List<AudienceMember> audience(CreateCampaignRequest request) {
        if (request.getAudienceCount() > 0) {
            return request.getAudienceList();
        }
        return request.getUserIdsList().stream()
                .map(userId -> AudienceMember.newBuilder().setUserId(userId).build())
                .toList();
    }

    static CampaignCommand update(UpdateCampaignRequest request, CommandMetadata metadata) {
        UpdateCampaign.Builder update = UpdateCampaign.newBuilder()
                .setName(request.getName())
                .setSenderName(request.getSenderName())
                .setTitle(request.getTitle())
                .setTemplateId(request.getTemplateId())
                .setTemplateVersion(request.getTemplateVersion());
        if (request.hasWorkflow()) {
            update.setWorkflow(request.getWorkflow());
        }
        return envelope(metadata, request.getId()).setUpdateCampaign(update).build();
    }

    /** The schedule bounds are the decider's (they are relative to issued_at, which it holds). */
    static CampaignCommand start(StartCampaignRequest request, CommandMetadata metadata) {
        StartCampaign.Builder start = StartCampaign.newBuilder();
        if (request.hasStartAt()) {
            start.setStartAt(request.getStartAt());
        }
        return envelope(metadata, request.getId()).setStartCampaign(start).build();
    }

    static CampaignCommand cancel(String campaignId, CommandMetadata metadata) {
        return envelope(metadata, campaignId).setCancelCampaign(CancelCampaign.getDefaultInstance()).build();
    }

    /** The selector as asked; the decider resolves the defaults (both statuses, 1,000 per second). */
    static CampaignCommand nudge(NudgeCampaignRequest request, CommandMetadata metadata) {
        NudgeCampaign.Builder nudge = NudgeCampaign.newBuilder()
                .addAllStatuses(request.getStatusesList())
                .setUnreadOnly(request.getUnreadOnly())
                .addAllUserIds(request.getUserIdsList())
                .setRatePerSecond(request.hasRatePerSecond() ? request.getRatePerSecond() : 0)
                .setMessageStepId(request.getMessageStepId());
        return envelope(metadata, request.getId()).setNudgeCampaign(nudge).build();
    }

    private static CampaignCommand.Builder envelope(CommandMetadata metadata, String campaignId) {
        return CampaignCommand.newBuilder().setMetadata(metadata).setCampaignId(campaignId);
    }
}
