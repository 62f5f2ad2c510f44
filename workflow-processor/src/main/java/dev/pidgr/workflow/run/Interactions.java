package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryInteraction;
import dev.pidgr.workflow.delivery.DeliveryTransitions;
import dev.pidgr.workflow.delivery.NudgeSelection;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.DeliveryState;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What recipients' interactions (pidgr.delivery.interactions) do: a delivery event and new counts, the first time
 * only. They are facts about the recipient, so they are recorded after the walk ended or was cancelled too; then
 * they trigger nothing. An acknowledgement while walking may end a step waiting for everyone's.
 */
public final class Interactions {

    private static final Logger LOG = LoggerFactory.getLogger(Interactions.class);

    private final Walker walker;

    public Interactions(Walker walker) {
        this.walker = walker;
    }

    /**
     * The decision for an interaction of a known kind; empty when it changes nothing (a repeat, or a delivery that
     * does not exist: an unknown campaign or user, a member the fan-out has not reached, a foreign delivery id).
     */
    public Optional<Decision> decide(Optional<Run> loaded, DeliveryInteraction interaction, long now, RunReader reads) {
        String campaignId = interaction.getCampaignId();
        String userId = interaction.getUserId();
        if (loaded.isEmpty() || !exists(loaded.get(), interaction, reads)) {
            LOG.info("Campaign {}: interaction {} for delivery {} that does not exist, ignored", campaignId,
                    interaction.getInteractionId(), interaction.getDeliveryId());
            return Optional.empty();
        }
        Run run = loaded.get();
        DeliveryState before = reads.delivery(campaignId, userId);
        long occurredAt = interaction.hasOccurredAt() ? Timestamps.toMillis(interaction.getOccurredAt()) : now;
        Optional<DeliveryTransitions.Change> change = DeliveryTransitions.apply(before, interaction, occurredAt,
                run.over());
        if (change.isEmpty()) {
            return Optional.empty();
        }
        Counts.Builder counts = run.cursor().getCounts().toBuilder();
        DeliveryTransitions.count(counts, before, change.get().next());
        DeliveryState next = NudgeSelection.keepView(run.cursor().getNudge(), userId, before, change.get().next());
        Decision recorded = new Effects(run)
                .add(new Effect.SetDelivery(userId, next))
                .emit(DeliveryEvent.newBuilder().setDeliveryId(interaction.getDeliveryId()).setUserId(userId)
                        .mergeFrom(change.get().payload()), occurredAt, interaction.getInteractionId(), userId)
                .decide(run.cursor().toBuilder().setCounts(counts));
        boolean acknowledgement = interaction.getKindCase() == DeliveryInteraction.KindCase.ACTION_SUBMITTED;
        if (acknowledgement && recorded.run().running()) {
            return Optional.of(recorded.then(walker.acknowledged(recorded.run(), now, reads)));
        }
        return Optional.of(recorded);
    }

    private static boolean exists(Run run, DeliveryInteraction interaction, RunReader reads) {
        String userId = interaction.getUserId();
        return !userId.isEmpty() && interaction.getDeliveryId().equals(Ids.deliveryId(run.campaignId(), userId))
                && FanOuts.sentTo(run.cursor().getFanOut(), userId) && reads.isMember(run.campaignId(), userId);
    }
}
