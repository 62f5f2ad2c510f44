package dev.pidgr.faults.support;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One campaign as its topics tell it: the committed records of {@code pidgr.campaign.events},
 * {@code pidgr.delivery.events} and {@code pidgr.notifications.push} (read_committed, from the
 * beginning to the end offsets) folded the way docs/events.md defines a delivery's state. This is
 * the truth the projections and the api are compared with.
 */
public final class CampaignFold {

    /** A delivery's state after its events, with how many of each event it got. */
    public record Delivery(String deliveryId, String userId, DeliveryStatus status, boolean read,
                           int notifications, int receipts, int acknowledgements, int missedMarks) {
    }

    public final String campaignId;
    public CampaignStatus status = CampaignStatus.CAMPAIGN_STATUS_UNSPECIFIED;
    public int totalRecipients;
    public final List<String> audience = new ArrayList<>();
    public final List<Long> campaignVersions = new ArrayList<>();
    /** Every CampaignStarted of the campaign (exactly one, once started). */
    public final List<CampaignEvent> starts = new ArrayList<>();
    public final List<Long> deliveryVersions = new ArrayList<>();
    public final List<DeliveryEvent> deliveryEvents = new ArrayList<>();
    public final Map<String, Delivery> deliveries = new LinkedHashMap<>();
    /** Push requests per push id (the first notification's is {@code Ids.pushId(deliveryId, 0)}). */
    public final Map<String, Integer> pushes = new HashMap<>();

    private CampaignFold(String campaignId) {
        this.campaignId = campaignId;
    }

    /** Reads the three topics now and folds what concerns {@code campaignId}. */
    public static CampaignFold of(Topics topics, String campaignId) {
        return of(FaultInfra.bootstrapServers(), topics, campaignId);
    }

    /** As {@link #of(Topics, String)}, from the cluster at {@code bootstrapServers}. */
    public static CampaignFold of(String bootstrapServers, Topics topics, String campaignId) {
        CampaignFold fold = new CampaignFold(campaignId);
        for (ConsumerRecord<String, byte[]> record :
                TopicReader.committed(bootstrapServers, topics.campaignEvents().name())) {
            if (campaignId.equals(record.key()) && !isPoison(record)) {
                fold.campaign(topics.campaignEvents().valueSerde().parse(record.value()));
            }
        }
        for (ConsumerRecord<String, byte[]> record :
                TopicReader.committed(bootstrapServers, topics.deliveryEvents().name())) {
            if (campaignId.equals(record.key()) && !isPoison(record)) {
                fold.delivery(topics.deliveryEvents().valueSerde().parse(record.value()));
            }
        }
        for (ConsumerRecord<String, byte[]> record : TopicReader.committed(
                bootstrapServers, topics.notificationsPush().name())) {
            PushRequest push = topics.notificationsPush().valueSerde().parse(record.value());
            if (campaignId.equals(push.getCampaignId())) {
                fold.pushes.merge(push.getPushId(), 1, Integer::sum);
            }
        }
        return fold;
    }

    /** The fault suite's own bad records (PoisonRecordsTest) are not part of the story. */
    private static boolean isPoison(ConsumerRecord<String, byte[]> record) {
        return record.headers().lastHeader(PoisonProducer.HEADER) != null;
    }

    private void campaign(CampaignEvent event) {
        campaignVersions.add(event.getVersion());
        switch (event.getPayloadCase()) {
            case CREATED -> {
                status = CampaignStatus.CAMPAIGN_STATUS_CREATED;
                totalRecipients = event.getCreated().getTotalRecipients();
            }
            case AUDIENCE_ADDED ->
                event.getAudienceAdded().getMembersList().stream()
                        .map(AudienceMember::getUserId)
                        .forEach(audience::add);
            case STARTED -> {
                status = CampaignStatus.CAMPAIGN_STATUS_ACTIVE;
                starts.add(event);
            }
            case SCHEDULED -> status = CampaignStatus.CAMPAIGN_STATUS_SCHEDULED;
            case CANCELLED -> status = CampaignStatus.CAMPAIGN_STATUS_CANCELLED;
            case COMPLETED -> status = CampaignStatus.CAMPAIGN_STATUS_COMPLETED;
            case FAILED -> status = CampaignStatus.CAMPAIGN_STATUS_FAILED;
            case UPDATED, NUDGED, NUDGE_FINISHED, PAYLOAD_NOT_SET -> { }
        }
    }

    private void delivery(DeliveryEvent event) {
        deliveryVersions.add(event.getVersion());
        deliveryEvents.add(event);
        Delivery d = deliveries.get(event.getDeliveryId());
        switch (event.getPayloadCase()) {
            case NOTIFICATION_SENT ->
                put(
                        d == null
                                ? new Delivery(
                                        event.getDeliveryId(),
                                        event.getUserId(),
                                        DeliveryStatus.DELIVERY_STATUS_SENT,
                                        false,
                                        1,
                                        0,
                                        0,
                                        0)
                                : new Delivery(
                                        d.deliveryId,
                                        d.userId,
                                        DeliveryStatus.DELIVERY_STATUS_SENT,
                                        d.read,
                                        d.notifications + 1,
                                        d.receipts,
                                        d.acknowledgements,
                                        d.missedMarks));
            case RECEIVED -> put(new Delivery(d.deliveryId, d.userId, DeliveryStatus.DELIVERY_STATUS_DELIVERED, d.read,
                    d.notifications, d.receipts + 1, d.acknowledgements, d.missedMarks));
            case READ -> put(new Delivery(d.deliveryId, d.userId, d.status, true, d.notifications, d.receipts,
                    d.acknowledgements, d.missedMarks));
            case ACKNOWLEDGED ->
                put(new Delivery(
                        d.deliveryId,
                        d.userId,
                        DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED,
                        d.read,
                        d.notifications,
                        d.receipts,
                        d.acknowledgements + 1,
                        d.missedMarks));
            case MISSED -> put(new Delivery(d.deliveryId, d.userId, DeliveryStatus.DELIVERY_STATUS_MISSED, d.read,
                    d.notifications, d.receipts, d.acknowledgements, d.missedMarks + 1));
            case NO_DEVICE -> put(new Delivery(d.deliveryId, d.userId, DeliveryStatus.DELIVERY_STATUS_NO_DEVICE, d.read,
                    d.notifications, d.receipts, d.acknowledgements, d.missedMarks));
            case DELIVERY_FAILED -> put(new Delivery(d.deliveryId, d.userId, DeliveryStatus.DELIVERY_STATUS_FAILED,
                    d.read, d.notifications, d.receipts, d.acknowledgements, d.missedMarks));
            case REMINDER_SENT, STEP_ENTERED, STEP_COMPLETED, WEBHOOK_PAGE_CALLED, WORKFLOW_ENDED, NUDGE_SELECTED,
                    NUDGE_FINISHED, PAYLOAD_NOT_SET -> {}
        }
    }

    private void put(Delivery d) {
        deliveries.put(d.deliveryId, d);
    }

    /** How many deliveries are in each status now. */
    public Map<DeliveryStatus, Integer> statusCounts() {
        Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
        deliveries.values().forEach(d -> counts.merge(d.status, 1, Integer::sum));
        return counts;
    }

    public int count(DeliveryStatus status) {
        return statusCounts().getOrDefault(status, 0);
    }

    public int readCount() {
        return (int) deliveries.values().stream().filter(Delivery::read).count();
    }

    /** The delivery events of one kind. */
    public List<DeliveryEvent> events(DeliveryEvent.PayloadCase kind) {
        return deliveryEvents.stream().filter(e -> e.getPayloadCase() == kind).toList();
    }
}
