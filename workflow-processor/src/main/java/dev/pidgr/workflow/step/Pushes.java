package dev.pidgr.workflow.step;

import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.events.v1.PushRequest;

/** Push requests: the notification (reminder number 0) and its reminders (1, 2, ...). */
final class Pushes {

    private Pushes() {
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
                .setDeepLink("pidgr://inbox/" + deliveryId)
                .setReminder(reminderNumber > 0)
                .setReminderNumber(reminderNumber)
                .build();
    }
}
