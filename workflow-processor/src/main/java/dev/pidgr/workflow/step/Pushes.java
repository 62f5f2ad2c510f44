package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.Message;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.events.v1.PushRequest;

/** Push requests: the notification (reminder number 0) and its reminders (1, 2, ...). */
final class Pushes {

    private static final String DEEP_LINK = "pidgr://inbox/";

    private Pushes() {
    }

    /** The notification's push: {@code message}'s text, as the bytes the NotificationSent carries. */
    static PushRequest notification(PushRequest prototype, String pushId, String userId, String deliveryId,
                                    Message message) {
        return prototype.toBuilder()
                .setPushId(pushId)
                .setUserId(userId)
                .setDeliveryId(deliveryId)
                .setTitleBytes(message.getTitleBytes())
                .setSummaryBytes(message.getSummaryBytes())
                .setBodyBytes(message.getBodyBytes())
                .setDeepLink(DEEP_LINK + deliveryId)
                .build();
    }

    /** {@code prototype} carries the organization, campaign, sender name and request time. */
    static PushRequest of(PushRequest prototype, String pushId, String userId, String deliveryId,
                          MessageTemplate.Rendered rendered, int reminderNumber) {
        return prototype.toBuilder()
                .setPushId(pushId)
                .setUserId(userId)
                .setDeliveryId(deliveryId)
                .setTitle(rendered.title())
                .setSummary(rendered.summary())
                .setBody(rendered.body())
                .setDeepLink(DEEP_LINK + deliveryId)
                .setReminder(reminderNumber > 0)
                .setReminderNumber(reminderNumber)
                .build();
    }
}
