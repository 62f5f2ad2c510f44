package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.step.Outcome;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryMissed;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.delivery.NudgeSelection;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepCall;
import dev.pidgr.workflow.run.StepDecision;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.List;

/** MARK_MISSED: every delivery still SENT or DELIVERED becomes MISSED, in bounded batches. */
final class MarkMissedStep implements StepRunner {

    private final int batchMembers;

    MarkMissedStep(int batchMembers) {
        this.batchMembers = batchMembers;
    }

    @Override
    public StepDecision enter(StepCall call) {
        Cursor cursor = call.run().cursor();
        Run scanning = call.run().with(cursor.toBuilder().setStep(cursor.getStep().toBuilder().setScanning(true))
                .build());
        return StepDecision.wakeAt(scanning, call.now());
    }

    @Override
    public StepDecision wake(StepCall call) {
        Run run = call.run();
        List<Sweeps.Entry> page = Sweeps.page(run, call.reads(), call.state().getScanAfter(), batchMembers);
        Effects effects = new Effects(run);
        Counts.Builder counts = run.cursor().getCounts().toBuilder();
        for (Sweeps.Entry entry : page) {
            DeliveryStatus status = entry.state().getStatus();
            if (status != DeliveryStatus.DELIVERY_STATUS_SENT && status != DeliveryStatus.DELIVERY_STATUS_DELIVERED) {
                continue;
            }
            DeliveryState missed = NudgeSelection.keepView(run.cursor().getNudge(), entry.userId(), entry.state(),
                    entry.state().toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_MISSED).build());
            DeliveryTransitions.count(counts, entry.state(), missed);
            DeliveryMissed.Builder event = DeliveryMissed.newBuilder().setStepId(call.step().getId())
                    .setPreviousStatus(status);
            effects.add(new Effect.SetDelivery(entry.userId(), missed)).emit(DeliveryEvent.newBuilder()
                    .setDeliveryId(Ids.deliveryId(run.campaignId(), entry.userId())).setUserId(entry.userId())
                    .setMissed(event), call.now(), call.step().getId());
        }
        boolean done = page.size() < batchMembers;
        Cursor.Builder cursor = run.cursor().toBuilder().setCounts(counts);
        if (done) {
            cursor.getStepBuilder().setScanning(false);
            return StepDecision.finished(effects.decide(cursor), Outcome.COMPLETED);
        }
        cursor.getStepBuilder().setScanAfter(page.getLast().userId());
        return StepDecision.wakeAt(effects.decide(cursor), call.now());
    }
}
