package dev.pidgr.gateway.receipt;

import com.google.protobuf.Timestamp;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.route.Target;

/** Builds receipts: pure, with deterministic ids so that a receipt written twice is recognised. */
public final class Receipts {

    private Receipts() {
    }

    /**
     * The receipt id: {@code uuid5(NAMESPACE, "receipt:" + pushId + "/" + channel + "/" + deviceId + "/" + attempt)}.
     */
    public static String id(String pushId, Channel channel, String deviceId, int attempt) {
        return Ids.uuid5("receipt:" + pushId + "/" + channel.getNumber() + "/" + deviceId + "/" + attempt);
    }

    /** The one receipt of a push request that had no target. */
    public static DeliveryReceipt noDevice(PushRequest push, Timestamp at) {
        return base(push, Channel.CHANNEL_UNSPECIFIED, "", 1, 0, at)
                .setOutcome(ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE)
                .build();
    }

    /**
     * The receipt of one attempt on one target.
     *
     * @param reason the provider's reason (FAILED, UNREGISTERED, RETRYING), else empty
     * @param providerMessageId the provider's id of the message (ACCEPTED), else empty
     */
    public static DeliveryReceipt attempt(PushRequest push, Target target, int attempt, int targets,
            ReceiptOutcome outcome, String reason, String providerMessageId, Timestamp at) {
        return base(push, target.channel(), target.deviceId(), attempt, targets, at)
                .setOutcome(outcome)
                .setReason(reason)
                .setProviderMessageId(providerMessageId)
                .build();
    }

    private static DeliveryReceipt.Builder base(PushRequest push, Channel channel, String deviceId, int attempt,
            int targets, Timestamp at) {
        return DeliveryReceipt.newBuilder()
                .setReceiptId(id(push.getPushId(), channel, deviceId, attempt))
                .setOrganizationId(push.getOrganizationId())
                .setCampaignId(push.getCampaignId())
                .setDeliveryId(push.getDeliveryId())
                .setUserId(push.getUserId())
                .setPushId(push.getPushId())
                .setChannel(channel)
                .setDeviceId(deviceId)
                .setAttempt(attempt)
                .setTargets(targets)
                .setOccurredAt(at)
                .setReminder(push.getReminder());
    }
}
