package dev.pidgr.workflow.step;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.NotificationSent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.render.MessageTemplate;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.FanOut;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.template.StepMessages;
import dev.pidgr.workflow.template.TemplateNotLoadedException;
import dev.pidgr.workflow.timer.WakeUps;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * SEND_NOTIFICATION: one delivery per member, sent in batches bounded in members, bytes and time
 * ({@link Batches}), one batch per wake-up, resuming after the last user id sent. Per delivery it
 * emits a NotificationSent and a PushRequest and writes no state: the cursor's fan-out position
 * says who has a delivery, and the send log (one entry per batch) when it was sent. A campaign has
 * one delivery per member, so a later SEND_NOTIFICATION step finds everyone served and completes
 * at once.
 */
public final class SendNotificationStep implements StepRunner {

    /** How long a step waits for its template version to reach the template store. */
    public static final Duration TEMPLATE_GRACE = Duration.ofSeconds(30);
    private static final Duration TEMPLATE_RETRY = Duration.ofMillis(250);

    private final KeyValueStore<String, AudienceMember> members;
    private final KeyValueStore<String, SendBatch> sends;
    private final StepMessages messages;
    private final WakeUps wakeUps;
    private final Outbox outbox;
    private final Batches batches;

    public SendNotificationStep(KeyValueStore<String, AudienceMember> members, KeyValueStore<String, SendBatch> sends,
                                StepMessages messages, WakeUps wakeUps, Outbox outbox, Batches batches) {
        this.members = members;
        this.sends = sends;
        this.messages = messages;
        this.wakeUps = wakeUps;
        this.outbox = outbox;
        this.batches = batches;
    }

    @Override
    public Entered enter(Run run, WorkflowStep step, long now) {
        if (!run.cursor().getFanOut().getStepId().isEmpty()) {
            return Entered.finished(WalkRules.COMPLETED);
        }
        run.cursor().setFanOut(FanOut.newBuilder().setStepId(step.getId()));
        wakeUps.schedule(run, now);
        return Entered.working();
    }

    @Override
    public Optional<String> wake(Run run, WorkflowStep step, long now) {
        if (!templateReady(run, step, now)) {
            return Optional.empty();
        }
        if (sendBatch(run, step, now)) {
            run.cursor().getFanOutBuilder().setDone(true);
            return Optional.of(WalkRules.COMPLETED);
        }
        wakeUps.schedule(run, now);
        return Optional.empty();
    }

    /**
     * Whether the step's template version is loaded. The template store is fed from another topic
     * by its own thread, so a version created just before the start may arrive a moment after it:
     * the step waits for it up to {@link #TEMPLATE_GRACE} after entry, then the walk fails.
     */
    private boolean templateReady(Run run, WorkflowStep step, long now) {
        try {
            messages.of(run, step);
            return true;
        } catch (TemplateNotLoadedException e) {
            if (now - run.cursor().getStep().getEnteredAt() >= TEMPLATE_GRACE.toMillis()) {
                throw e;
            }
            wakeUps.schedule(run, now + TEMPLATE_RETRY.toMillis());
            return false;
        }
    }

    /** Sends the next batch; true when every member has been sent to. */
    private boolean sendBatch(Run run, WorkflowStep step, long now) {
        String campaignId = run.campaignId();
        FanOut.Builder fanOut = run.cursor().getFanOutBuilder();
        MessageTemplate template = messages.of(run, step);
        Timestamp sentAt = Timestamps.fromMillis(now);
        PushRequest pushPrototype = PushRequest.newBuilder().setOrganizationId(run.spec().getOrganizationId())
                .setCampaignId(campaignId).setRequestedAt(sentAt).build();
        String from = fanOut.getAfterUserId().isEmpty() ? Keys.first(campaignId) : Keys.after(campaignId, fanOut.getAfterUserId());
        int sent = 0;
        long bytes = 0;
        String last = null;
        boolean more = true;
        try (KeyValueIterator<String, AudienceMember> it = members.range(from, Keys.end(campaignId))) {
            while (it.hasNext() && batches.more(sent, bytes)) {
                KeyValue<String, AudienceMember> member = it.next();
                String userId = Keys.userOf(campaignId, member.key);
                bytes += send(run, step, template, pushPrototype, userId, member.value, sentAt, now);
                last = userId;
                sent++;
            }
            more = it.hasNext();
        } finally {
            // Also when rendering failed part-way (the walk then fails): who was sent to stays known.
            recordProgress(run, last, sent, now);
        }
        return !more;
    }

    private void recordProgress(Run run, String last, int sent, long now) {
        if (last == null) {
            return;
        }
        FanOut.Builder fanOut = run.cursor().getFanOutBuilder();
        fanOut.setAfterUserId(last);
        sends.put(Keys.sendBatch(run.campaignId(), fanOut.getBatches()), SendBatch.newBuilder().setLastUserId(last).setSentAt(now).build());
        fanOut.setBatches(fanOut.getBatches() + 1);
        Counts.Builder counts = run.cursor().getCountsBuilder();
        counts.setCreated(counts.getCreated() + sent).setSent(counts.getSent() + sent);
    }

    private int send(Run run, WorkflowStep step, MessageTemplate template, PushRequest pushPrototype, String userId,
                     AudienceMember member, Timestamp sentAt, long now) {
        String deliveryId = Uuid5.deliveryId(run.campaignId(), userId);
        String pushId = Uuid5.pushId(deliveryId, 0);
        MessageTemplate.Rendered rendered = template.render(member.getVariablesMap());
        Message message = template.message(rendered, sentAt);
        outbox.deliveryEvent(run.nextEvent(now, step.getId(), Run.SYSTEM)
                .setDeliveryId(deliveryId)
                .setUserId(userId)
                .setNotificationSent(NotificationSent.newBuilder().setStepId(step.getId()).setMessage(message).setPushId(pushId))
                .build(), now);
        outbox.push(Pushes.of(pushPrototype, pushId, userId, deliveryId, rendered, 0), now);
        return rendered.body().length() + rendered.title().length() + 256;
    }
}
