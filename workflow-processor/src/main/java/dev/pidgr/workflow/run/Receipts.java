package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.workflow.delivery.NudgeSelection;
import dev.pidgr.workflow.delivery.ReceiptTransitions;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the channel gateway's receipts (pidgr.delivery.receipts) do to deliveries: NO_DEVICE, or FAILED once every
 * target of a push failed ({@link ReceiptTransitions}). Like interactions they are facts about a delivery, recorded
 * after the walk ended too; they trigger nothing in the walk.
 */
public final class Receipts {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    static final String GATEWAY = "system:gateway";

    private Receipts() {
    }

    /** The decision for a receipt; empty when it changes nothing (or its delivery does not exist). */
    public static Optional<Decision> decide(Optional<Run> loaded, DeliveryReceipt receipt, long now, RunReader reads) {
        if (loaded.isEmpty() || !exists(loaded.get(), receipt, reads)) {
            LOG.info("Campaign {}: receipt {} for delivery {} that does not exist, ignored", receipt.getCampaignId(),
                    receipt.getReceiptId(), receipt.getDeliveryId());
            return Optional.empty();
        }
        Run run = loaded.get();
        String userId = receipt.getUserId();
        DeliveryState before = reads.delivery(run.campaignId(), userId);
        Optional<ReceiptTransitions.Result> result = ReceiptTransitions.apply(before, receipt);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        DeliveryState next = NudgeSelection.keepView(run.cursor().getNudge(), userId, before, result.get().next());
        Effects effects = new Effects(run).add(new Effect.SetDelivery(userId, next));
        Counts.Builder counts = run.cursor().getCounts().toBuilder();
        DeliveryTransitions.count(counts, before, next);
        long occurredAt = receipt.hasOccurredAt() ? Timestamps.toMillis(receipt.getOccurredAt()) : now;
        result.get().payload().ifPresent(payload -> effects.emit(DeliveryEvent.newBuilder()
                .setDeliveryId(receipt.getDeliveryId()).setUserId(userId).mergeFrom(payload), occurredAt,
                receipt.getReceiptId(), GATEWAY));
        return Optional.of(effects.decide(run.cursor().toBuilder().setCounts(counts)));
    }

    private static boolean exists(Run run, DeliveryReceipt receipt, RunReader reads) {
        String userId = receipt.getUserId();
        return !userId.isEmpty() && receipt.getDeliveryId().equals(Ids.deliveryId(run.campaignId(), userId))
                && FanOuts.sentTo(run.cursor().getFanOut(), userId) && reads.isMember(run.campaignId(), userId);
    }
}
