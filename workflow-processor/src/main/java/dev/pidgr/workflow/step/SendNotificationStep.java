package dev.pidgr.workflow.step;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.Message;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.NotificationSent;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.run.StepCall;
import dev.pidgr.workflow.run.StepDecision;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.FanOut;
import dev.pidgr.workflow.state.SendBatch;
import dev.pidgr.workflow.template.TemplateNotLoadedException;
import java.time.Duration;

/**
 * SEND_NOTIFICATION: one delivery per member, sent in batches bounded in members, bytes and time ({@link Batches}),
 * one batch per wake-up, streaming the members from after the last user id sent. Per delivery it emits a
 * NotificationSent and a PushRequest and writes no state: the cursor's fan-out position says who has a delivery,
 * and the send log (one entry per batch) when it was sent. A campaign has one delivery per member, so a later
 * SEND_NOTIFICATION step finds everyone served and completes at once.
 */
final class SendNotificationStep implements StepRunner {

    /** How long a step waits for its template version to reach the template store. */
    static final Duration TEMPLATE_GRACE = Duration.ofSeconds(30);
    static final Duration TEMPLATE_RETRY = Duration.ofMillis(250);

    private final Batches batches;

    SendNotificationStep(Batches batches) {
        this.batches = batches;
    }

    @Override
    public StepDecision enter(StepCall call) {
        Cursor cursor = call.run().cursor();
        if (!cursor.getFanOut().getStepId().isEmpty()) {
            return StepDecision.finished(call.run(), Outcome.COMPLETED);
        }
        Run sending = call.run().with(cursor.toBuilder().setFanOut(FanOut.newBuilder().setStepId(call.step().getId()))
                .build());
        return StepDecision.wakeAt(sending, call.now());
    }

    /**
     * The next batch, once the step's template version is loaded. The template store is fed from another topic by
     * its own thread, so a version created just before the start may arrive a moment after it: the step waits for
     * it up to {@link #TEMPLATE_GRACE} after entry, then the walk fails.
     */
    @Override
    public StepDecision wake(StepCall call) {
        MessageTemplate template;
        try {
            template = call.reads().message(call.run(), call.step());
        } catch (TemplateNotLoadedException e) {
            if (call.now() - call.state().getEnteredAt() >= TEMPLATE_GRACE.toMillis()) {
                throw e;
            }
            return StepDecision.wakeAt(call.run(), call.now() + TEMPLATE_RETRY.toMillis());
        }
        return sendBatch(call, template);
    }

    /**
     * Sends to the next members while the batch allows. A member whose message fails to render ends the batch: the
     * members before are sent to and accounted, then the walk fails.
     */
    private StepDecision sendBatch(StepCall call, MessageTemplate template) {
        Run run = call.run();
        Effects effects = new Effects(run);
        Timestamp sentAt = Timestamps.fromMillis(call.now());
        // The batch's common fields, as UTF-8 bytes: every push copies them, sized and written without encoding.
        PushRequest pushPrototype = PushRequest.newBuilder()
                .setOrganizationIdBytes(ByteString.copyFromUtf8(run.spec().getOrganizationId()))
                .setCampaignIdBytes(ByteString.copyFromUtf8(run.campaignId()))
                .setSenderNameBytes(ByteString.copyFromUtf8(run.spec().getSenderName()))
                .setRequestedAt(sentAt).build();
        int sent = 0;
        long bytes = 0;
        String last = null;
        Throwable failure = null;
        boolean more;
        try (RunReader.Members members = call.reads().members(run.campaignId(), run.cursor().getFanOut()
                .getAfterUserId())) {
            while (members.hasNext() && batches.more(sent, bytes)) {
                RunReader.Member member = members.next();
                try {
                    bytes += send(call, effects, template, pushPrototype, member, sentAt);
                } catch (Throwable e) {
                    failure = e;
                    break;
                }
                last = member.userId();
                sent++;
            }
            more = members.hasNext();
        }
        Cursor.Builder cursor = progress(run, effects, last, sent, call.now());
        if (failure != null) {
            return StepDecision.failed(effects.decide(cursor), failure);
        }
        if (!more) {
            cursor.getFanOutBuilder().setDone(true);
            return StepDecision.finished(effects.decide(cursor), Outcome.COMPLETED);
        }
        return StepDecision.wakeAt(effects.decide(cursor), call.now());
    }

    /** The cursor after a batch, and the batch in the send log. */
    private static Cursor.Builder progress(Run run, Effects effects, String last, int sent, long now) {
        Cursor.Builder cursor = run.cursor().toBuilder();
        if (last == null) {
            return cursor;
        }
        FanOut.Builder fanOut = cursor.getFanOutBuilder();
        effects.add(new Effect.LogSend(fanOut.getBatches(), SendBatch.newBuilder().setLastUserId(last).setSentAt(now)
                .build()));
        fanOut.setAfterUserId(last).setBatches(fanOut.getBatches() + 1);
        Counts.Builder counts = cursor.getCountsBuilder();
        counts.setCreated(counts.getCreated() + sent).setSent(counts.getSent() + sent);
        return cursor;
    }

    /** One delivery: its NotificationSent and push request; the size it wrote. */
    private static int send(StepCall call, Effects effects, MessageTemplate template, PushRequest pushPrototype,
                            RunReader.Member member, Timestamp sentAt) {
        String deliveryId = Ids.deliveryId(call.run().campaignId(), member.userId());
        String pushId = Ids.pushId(deliveryId, 0);
        MessageTemplate.Rendered rendered = template.render(member.member().getVariablesMap());
        Message message = template.message(rendered, sentAt);
        NotificationSent.Builder sent = NotificationSent.newBuilder().setStepId(call.step().getId())
                .setMessage(message).setPushId(pushId);
        effects.emit(DeliveryEvent.newBuilder().setDeliveryId(deliveryId).setUserId(member.userId())
                .setNotificationSent(sent), call.now(), call.step().getId());
        effects.add(new Effect.Push(Pushes.notification(pushPrototype, pushId, member.userId(), deliveryId, message)));
        return rendered.body().length() + rendered.title().length() + 256;
    }
}
