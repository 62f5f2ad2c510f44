package dev.pidgr.workflow.step;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.DeliveryMissed;
import dev.pidgr.workflow.delivery.Deliveries;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.StepRunner;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.StepState;
import dev.pidgr.workflow.timer.WakeUps;
import java.util.List;
import java.util.Optional;

/** MARK_MISSED: every delivery still SENT or DELIVERED becomes MISSED, in bounded batches. */
public final class MarkMissedStep implements StepRunner {

    private final Deliveries deliveries;
    private final WakeUps wakeUps;
    private final Outbox outbox;
    private final int batchMembers;

    public MarkMissedStep(Deliveries deliveries, WakeUps wakeUps, Outbox outbox, int batchMembers) {
        this.deliveries = deliveries;
        this.wakeUps = wakeUps;
        this.outbox = outbox;
        this.batchMembers = batchMembers;
    }

    @Override
    public Entered enter(Run run, WorkflowStep step, long now) {
        run.cursor().getStepBuilder().setScanning(true);
        wakeUps.schedule(run, now);
        return Entered.working();
    }

    @Override
    public Optional<String> wake(Run run, WorkflowStep step, long now) {
        StepState.Builder state = run.cursor().getStepBuilder();
        List<Deliveries.Entry> page = deliveries.page(run, state.getScanAfter(), batchMembers);
        for (Deliveries.Entry entry : page) {
            DeliveryStatus status = entry.state().getStatus();
            if (status == DeliveryStatus.DELIVERY_STATUS_SENT || status == DeliveryStatus.DELIVERY_STATUS_DELIVERED) {
                markMissed(run, step, entry, now);
            }
        }
        if (page.size() < batchMembers) {
            state.setScanning(false);
            return Optional.of(WalkRules.COMPLETED);
        }
        state.setScanAfter(page.getLast().userId());
        wakeUps.schedule(run, now);
        return Optional.empty();
    }

    private void markMissed(Run run, WorkflowStep step, Deliveries.Entry entry, long now) {
        DeliveryState missed = entry.state().toBuilder().setStatus(DeliveryStatus.DELIVERY_STATUS_MISSED).build();
        deliveries.put(run.campaignId(), entry.userId(), missed);
        DeliveryTransitions.count(run.cursor().getCountsBuilder(), entry.state(), missed);
        outbox.deliveryEvent(run.nextEvent(now, step.getId(), Run.SYSTEM)
                .setDeliveryId(Uuid5.deliveryId(run.campaignId(), entry.userId()))
                .setUserId(entry.userId())
                .setMissed(DeliveryMissed.newBuilder().setStepId(step.getId()).setPreviousStatus(entry.state().getStatus()))
                .build(), now);
    }
}
