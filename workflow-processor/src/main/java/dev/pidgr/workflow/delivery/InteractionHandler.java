package dev.pidgr.workflow.delivery;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.workflow.kafka.Outbox;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.Runs;
import dev.pidgr.workflow.run.Walker;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records recipients' interactions (pidgr.delivery.interactions) as delivery events and counts,
 * the first time only. They are facts about the recipient, so they are recorded after the walk
 * ended or was cancelled too; then they trigger nothing. An acknowledgement while walking may end
 * a step waiting for everyone's.
 */
public final class InteractionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionHandler.class);

    private final Runs runs;
    private final Deliveries deliveries;
    private final Walker walker;
    private final Outbox outbox;

    public InteractionHandler(Runs runs, Deliveries deliveries, Walker walker, Outbox outbox) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.walker = walker;
        this.outbox = outbox;
    }

    /** Applies an interaction; false when its kind is unknown (a newer producer), so it can be parked. */
    public boolean handle(DeliveryInteraction interaction, long now) {
        if (interaction.getKindCase() == DeliveryInteraction.KindCase.KIND_NOT_SET) {
            return false;
        }
        String campaignId = interaction.getCampaignId();
        String userId = interaction.getUserId();
        Optional<Run> loaded = runs.load(campaignId);
        if (loaded.isEmpty() || userId.isEmpty() || !interaction.getDeliveryId().equals(Uuid5.deliveryId(campaignId, userId))
                || !deliveries.exists(loaded.get(), userId)) {
            LOG.info("Campaign {}: interaction {} for delivery {} that does not exist, ignored", campaignId,
                    interaction.getInteractionId(), interaction.getDeliveryId());
            return true;
        }
        Run run = loaded.get();
        DeliveryState before = deliveries.state(campaignId, userId);
        long occurredAt = interaction.hasOccurredAt() ? Timestamps.toMillis(interaction.getOccurredAt()) : now;
        Optional<DeliveryTransitions.Change> change = DeliveryTransitions.apply(before, interaction, occurredAt, run.over());
        if (change.isEmpty()) {
            return true;
        }
        deliveries.put(campaignId, userId, change.get().next());
        DeliveryTransitions.count(run.cursor().getCountsBuilder(), before, change.get().next());
        outbox.deliveryEvent(run.nextEvent(occurredAt, interaction.getInteractionId(), userId)
                .setDeliveryId(interaction.getDeliveryId())
                .setUserId(userId)
                .mergeFrom(change.get().payload())
                .build(), now);
        if (interaction.getKindCase() == DeliveryInteraction.KindCase.ACTION_SUBMITTED && run.running()) {
            walker.acknowledged(run, now);
        }
        runs.save(run);
        return true;
    }
}
