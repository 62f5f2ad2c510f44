package dev.pidgr.faults.support;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.Channel;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A campaign's committed receipts that end a target (ACCEPTED, NO_DEVICE, FAILED, UNREGISTERED; not RETRYING), by
 * target: push id, channel and device. What the workflow folds, read back to check what it made of them.
 */
public final class FinalReceipts {

    /** One target of one push. */
    public record Target(String pushId, Channel channel, String deviceId) {}

    public final Map<Target, List<DeliveryReceipt>> byTarget;
    private final Map<String, List<ReceiptOutcome>> outcomesByPush;

    private FinalReceipts(Map<Target, List<DeliveryReceipt>> byTarget) {
        this.byTarget = byTarget;
        this.outcomesByPush = byTarget.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(
                DeliveryReceipt::getPushId, Collectors.mapping(DeliveryReceipt::getOutcome, Collectors.toList())));
    }

    public static FinalReceipts of(Deployment deployment, String campaignId) throws Exception {
        Map<Target, List<DeliveryReceipt>> byTarget = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.committed(deployment.topics.deliveryReceipts()
                .name())) {
            DeliveryReceipt receipt = DeliveryReceipt.parseFrom(record.value());
            if (receipt.getCampaignId().equals(campaignId)
                    && receipt.getOutcome() != ReceiptOutcome.RECEIPT_OUTCOME_RETRYING) {
                byTarget.computeIfAbsent(new Target(receipt.getPushId(), receipt.getChannel(), receipt.getDeviceId()),
                        t -> new ArrayList<>()).add(receipt);
            }
        }
        return new FinalReceipts(byTarget);
    }

    /** The (channel, push id) of every final receipt with {@code outcome}. */
    public Set<ProviderSends.Key> keys(ReceiptOutcome outcome) {
        return receipts(outcome).stream().map(r -> new ProviderSends.Key(r.getChannel(), r.getPushId()))
                .collect(Collectors.toSet());
    }

    public List<DeliveryReceipt> receipts(ReceiptOutcome outcome) {
        return byTarget.values().stream().flatMap(List::stream).filter(r -> r.getOutcome() == outcome).toList();
    }

    /**
     * What a delivery's status must be after its push's final receipts (docs/channels.md): SENT when a target
     * accepted, NO_DEVICE when there was none, FAILED when every target failed or was unregistered.
     */
    public DeliveryStatus statusOf(String pushId) {
        List<ReceiptOutcome> outcomes = outcomesByPush.getOrDefault(pushId, List.of());
        if (outcomes.contains(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED)) {
            return DeliveryStatus.DELIVERY_STATUS_SENT;
        }
        if (outcomes.contains(ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE)) {
            return DeliveryStatus.DELIVERY_STATUS_NO_DEVICE;
        }
        return outcomes.isEmpty() ? DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED : DeliveryStatus.DELIVERY_STATUS_FAILED;
    }
}
