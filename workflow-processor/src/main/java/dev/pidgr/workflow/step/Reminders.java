package dev.pidgr.workflow.step;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.ReminderSent;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.state.DeliveryState;

/**
 * One reminder, as every SEND_REMINDER round and every nudge sends it: reminder_count + 1 and last_reminded_at on
 * the delivery, a ReminderSent event and a push marked as reminder n (its id derived from delivery and n).
 */
public final class Reminders {

    /**
     * Who reminds: the campaign, the step it is recorded under, the nudge (0 for a step's round), and when.
     */
    public record Reminder(String campaignId, String stepId, long nudge, long now) {
    }

    private Reminders() {
    }

    /** The fields every push of this campaign at {@code now} shares. */
    public static PushRequest prototype(Run run, long now) {
        return PushRequest.newBuilder().setOrganizationId(run.spec().getOrganizationId())
                .setCampaignId(run.campaignId()).setSenderName(run.spec().getSenderName())
                .setRequestedAt(Timestamps.fromMillis(now)).build();
    }

    /** Sends one reminder to {@code userId}, whose delivery is {@code state}; the size of what it wrote. */
    public static int send(Effects effects, Reminder reminder, MessageTemplate template, PushRequest prototype,
                           String userId, AudienceMember member, DeliveryState state) {
        int number = state.getReminderCount() + 1;
        DeliveryState reminded = state.toBuilder().setReminderCount(number).setLastRemindedAt(reminder.now()).build();
        String deliveryId = Ids.deliveryId(reminder.campaignId(), userId);
        String pushId = Ids.pushId(deliveryId, number);
        MessageTemplate.Rendered rendered = template.render(member.getVariablesMap());
        ReminderSent.Builder sent = ReminderSent.newBuilder().setStepId(reminder.stepId()).setReminderCount(number)
                .setPushId(pushId).setNudge(reminder.nudge());
        effects.add(new Effect.SetDelivery(userId, reminded))
                .emit(DeliveryEvent.newBuilder().setDeliveryId(deliveryId).setUserId(userId).setReminderSent(sent),
                        reminder.now(), reminder.stepId())
                .add(new Effect.Push(Pushes.of(prototype, pushId, userId, deliveryId, rendered, number)));
        return rendered.title().length() + rendered.summary().length() + 256;
    }
}
