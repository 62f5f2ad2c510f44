package dev.pidgr.query.support;

import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.MessageAction;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryAcknowledged;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryMissed;
import dev.pidgr.events.v1.DeliveryNoDevice;
import dev.pidgr.events.v1.DeliveryRead;
import dev.pidgr.events.v1.DeliveryReceived;
import dev.pidgr.events.v1.NotificationSent;
import dev.pidgr.events.v1.NudgeFinished;
import dev.pidgr.events.v1.NudgeSelected;
import dev.pidgr.events.v1.ReminderSent;
import dev.pidgr.events.v1.StepCompleted;
import dev.pidgr.events.v1.StepEntered;
import dev.pidgr.events.v1.WorkflowEnded;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;
import java.util.UUID;

/** Builds one campaign run's delivery events with gap-free versions, as the workflow processor writes them. */
public final class RunStream {

    private final String organizationId;
    private final String campaignId;
    private long version;

    public RunStream(String organizationId, String campaignId) {
        this.organizationId = organizationId;
        this.campaignId = campaignId;
    }

    /** Continues after {@code lastVersion} (for a run whose earlier events are already projected). */
    public RunStream after(long lastVersion) {
        this.version = lastVersion;
        return this;
    }

    public String deliveryId(String userId) {
        return Ids.deliveryId(campaignId, userId);
    }

    private DeliveryEvent.Builder next(String userId, Instant at) {
        DeliveryEvent.Builder b = DeliveryEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCampaignId(campaignId).setOrganizationId(organizationId).setVersion(++version)
                .setOccurredAt(Sql.timestamp(at)).setCauseId("send").setActor("system:workflow");
        if (userId != null) {
            b.setUserId(userId).setDeliveryId(deliveryId(userId));
        }
        return b;
    }

    public static Message message(String campaignId, String userId, Instant at) {
        String body = "Hello " + userId + ", please acknowledge the new policy. ".repeat(4);
        return Message.newBuilder()
                .setContentId("c0ffee" + userId.hashCode())
                .setCampaignId(campaignId)
                .setSenderName("Ops")
                .setSummary(body.substring(0, 40))
                .setPreview(body)
                .setBody(body)
                .addActions(MessageAction.newBuilder()
                        .setId("ack")
                        .setType(ActionType.ACTION_TYPE_ACK)
                        .setLabel("Acknowledge"))
                .setCreatedAt(Sql.timestamp(at))
                .setTitle("Policy")
                .build();
    }

    public DeliveryEvent sent(String userId, Instant at) {
        return next(userId, at).setNotificationSent(NotificationSent.newBuilder().setStepId("send")
                .setMessage(message(campaignId, userId, at)).setPushId(Ids.pushId(deliveryId(userId), 0))).build();
    }

    public DeliveryEvent received(String userId, Instant at) {
        return next(userId, at).setReceived(DeliveryReceived.newBuilder()
                .setPreviousStatus(DeliveryStatus.DELIVERY_STATUS_SENT)).build();
    }

    /** The gateway's receipt said no device and no email, as the workflow folds it. */
    public DeliveryEvent noDevice(String userId, Instant at) {
        return next(userId, at).setNoDevice(DeliveryNoDevice.newBuilder().setPushId(Ids.pushId(deliveryId(userId), 0))
                .setPreviousStatus(DeliveryStatus.DELIVERY_STATUS_SENT)).build();
    }

    public DeliveryEvent read(String userId, Instant at) {
        return next(userId, at).setRead(DeliveryRead.getDefaultInstance()).build();
    }

    public DeliveryEvent acknowledged(String userId, DeliveryStatus previous, Instant at) {
        return next(userId, at).setAcknowledged(DeliveryAcknowledged.newBuilder().setActionId("ack")
                .setPreviousStatus(previous)).build();
    }

    public DeliveryEvent missed(String userId, DeliveryStatus previous, Instant at) {
        return next(userId, at)
                .setMissed(DeliveryMissed.newBuilder().setStepId("miss").setPreviousStatus(previous))
                .build();
    }

    public DeliveryEvent reminded(String userId, int count, Instant at) {
        return next(userId, at)
                .setReminderSent(ReminderSent.newBuilder().setStepId("remind").setReminderCount(count))
                .build();
    }

    public DeliveryEvent stepEntered(String stepId, StepType type, Instant at, Instant wakeUp) {
        StepEntered.Builder step = StepEntered.newBuilder().setStepId(stepId).setStepType(type);
        if (wakeUp != null) {
            step.setWakeUpAt(Sql.timestamp(wakeUp));
        }
        return next(null, at).setStepEntered(step).build();
    }

    public DeliveryEvent stepCompleted(String stepId, String nextStep, Instant at) {
        return next(null, at).setStepCompleted(StepCompleted.newBuilder().setStepId(stepId).setOutcome("completed")
                .setNextStepId(nextStep)).build();
    }

    public DeliveryEvent workflowEnded(Instant at) {
        return next(null, at).setWorkflowEnded(WorkflowEnded.newBuilder()).build();
    }

    public DeliveryEvent nudgeSelected(long nudge, int matched, Instant at) {
        return next(null, at).setNudgeSelected(NudgeSelected.newBuilder().setNudge(nudge).setMatched(matched))
                .build();
    }

    public DeliveryEvent nudgeFinished(long nudge, int reminded, int skipped, Instant at) {
        return next(null, at).setNudgeFinished(NudgeFinished.newBuilder().setNudge(nudge).setReminded(reminded)
                .setSkipped(skipped)).build();
    }
}
