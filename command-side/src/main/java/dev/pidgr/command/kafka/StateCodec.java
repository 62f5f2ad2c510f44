package dev.pidgr.command.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.command.campaign.CampaignState;
import dev.pidgr.command.store.CampaignRecord;
import dev.pidgr.command.store.TemplateRecord;
import dev.pidgr.command.template.TemplateState;

/** Aggregate states to and from their store formats (pidgr/command/store/v1/store.proto). */
public final class StateCodec {

    private StateCodec() {
    }

    public static byte[] encode(CampaignState s) {
        return CampaignRecord.newBuilder()
                .setCampaignId(s.campaignId())
                .setOrganizationId(s.organizationId())
                .setVersion(s.version())
                .setStatus(s.status())
                .setName(s.name())
                .setTemplateId(s.templateId())
                .setTemplateVersion(s.templateVersion())
                .setWorkflow(s.workflow())
                .setSenderName(s.senderName())
                .setTitle(s.title())
                .setTotalRecipients(s.totalRecipients())
                .setAudienceChunkCount(s.audienceChunkCount())
                .setCreatedAt(s.createdAt())
                .setStartedAt(s.startedAt())
                .setCompletedAt(s.completedAt())
                .setFailureReason(s.failureReason())
                .addAllTemplatePins(s.templatePins())
                .setNudgeInProgress(s.nudgeInProgress())
                .setScheduledStartAt(s.schedule().startAt())
                .setScheduleVersion(s.schedule().version())
                .build()
                .toByteArray();
    }

    public static CampaignState decodeCampaign(byte[] bytes) {
        CampaignRecord r = parse(() -> CampaignRecord.parseFrom(bytes));
        return new CampaignState(
                r.getCampaignId(),
                r.getOrganizationId(),
                r.getVersion(),
                r.getStatus(),
                r.getName(),
                r.getTemplateId(),
                r.getTemplateVersion(),
                r.getWorkflow(),
                r.getSenderName(),
                r.getTitle(),
                r.getTotalRecipients(),
                r.getAudienceChunkCount(),
                r.getCreatedAt(),
                r.getStartedAt(),
                r.getCompletedAt(),
                r.getFailureReason(),
                r.getTemplatePinsList(),
                r.getNudgeInProgress(),
                new CampaignState.Schedule(r.getScheduledStartAt(), r.getScheduleVersion()));
    }

    public static byte[] encode(TemplateState s) {
        return TemplateRecord.newBuilder()
                .setTemplateId(s.templateId())
                .setOrganizationId(s.organizationId())
                .setVersion(s.version())
                .setName(s.name())
                .setTitle(s.title())
                .setType(s.type())
                .setCreatedAt(s.createdAt())
                .setUpdatedAt(s.updatedAt())
                .build()
                .toByteArray();
    }

    public static TemplateState decodeTemplate(byte[] bytes) {
        TemplateRecord r = parse(() -> TemplateRecord.parseFrom(bytes));
        return new TemplateState(r.getTemplateId(), r.getOrganizationId(), r.getVersion(), r.getName(), r.getTitle(),
                r.getType(), r.getCreatedAt(), r.getUpdatedAt());
    }

    interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    /** A store value we wrote ourselves that does not parse is a corrupt store, not bad input. */
    static <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt state store value: " + e.getMessage(), e);
        }
    }
}
