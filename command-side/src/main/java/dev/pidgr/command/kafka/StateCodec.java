package dev.pidgr.command.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.command.campaign.CampaignState;
import dev.pidgr.command.device.DeviceState;
import dev.pidgr.command.store.CampaignRecord;
import dev.pidgr.command.store.DeviceEntry;
import dev.pidgr.command.store.DeviceRecord;
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

    public static byte[] encode(DeviceState s) {
        DeviceRecord.Builder r = DeviceRecord.newBuilder()
                .setOrganizationId(s.organizationId())
                .setUserId(s.userId())
                .setVersion(s.version())
                .setEmail(s.email());
        for (DeviceState.Device d : s.devices()) {
            r.addDevices(DeviceEntry.newBuilder().setDeviceId(d.deviceId()).setPlatform(d.platform())
                    .setPushToken(d.pushToken()).setActive(d.active()).setCreatedAt(d.createdAt())
                    .setLastSeen(d.lastSeen()));
        }
        return r.build().toByteArray();
    }

    public static DeviceState decodeDevices(byte[] bytes) {
        DeviceRecord r = parse(() -> DeviceRecord.parseFrom(bytes));
        return new DeviceState(r.getOrganizationId(), r.getUserId(), r.getVersion(), r.getDevicesList().stream()
                .map(d -> new DeviceState.Device(d.getDeviceId(), d.getPlatform(), d.getPushToken(), d.getActive(),
                        d.getCreatedAt(), d.getLastSeen()))
                .toList(), r.getEmail());
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
