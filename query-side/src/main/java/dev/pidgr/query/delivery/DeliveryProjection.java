package dev.pidgr.query.delivery;

import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.inbox.InboxKey;
import dev.pidgr.query.projection.Parsed;
import dev.pidgr.query.projection.Projection;
import dev.pidgr.query.projection.Skips;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Projects pidgr.delivery.events into deliveries (which are also the inbox entries, with their
 * change times) and campaign_runs (counts and workflow progress). Per batch: three loads (runs,
 * interacted deliveries, inbox clocks), a pure fold, two multi-row upserts. An event whose version is not newer than
 * its campaign run's is skipped.
 */
public final class DeliveryProjection implements Projection {

    public static final String NAME = "deliveries";

    private final String topic;
    private final DeliveryLoads loads;
    private final DeliveryWrites writes;

    public DeliveryProjection(String schema, String topic) {
        this.topic = topic;
        this.loads = new DeliveryLoads(schema);
        this.writes = new DeliveryWrites(schema);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void apply(Connection c, List<ConsumerRecord<byte[], byte[]>> records, Skips skips) throws SQLException {
        List<Parsed<DeliveryEvent>> events = Parsed.all(records, DeliveryEvent.parser(), skips);
        Set<String> campaigns = new LinkedHashSet<>();
        Set<String> interactedDeliveries = new LinkedHashSet<>();
        Set<InboxKey> inboxes = new LinkedHashSet<>();
        for (Parsed<DeliveryEvent> parsed : events) {
            DeliveryEvent e = parsed.event();
            campaigns.add(e.getCampaignId());
            if (DeliveryTransitions.concernsDelivery(e)) {
                inboxes.add(new InboxKey(e.getOrganizationId(), e.getUserId()));
                if (e.getPayloadCase() != DeliveryEvent.PayloadCase.NOTIFICATION_SENT) {
                    interactedDeliveries.add(e.getDeliveryId());
                }
            }
        }
        DeliveryBatchFold fold = new DeliveryBatchFold(loads.runs(c, campaigns),
                loads.deliveries(c, interactedDeliveries), loads.inboxClocks(c, inboxes));
        for (Parsed<DeliveryEvent> parsed : events) {
            if (fold.apply(parsed.event()) == DeliveryBatchFold.Outcome.UNKNOWN_DELIVERY) {
                skips.add(parsed.record(), "delivery " + parsed.event().getDeliveryId() + " of campaign "
                        + parsed.event().getCampaignId() + " is unknown");
            }
        }
        writes.write(c, fold.result());
    }
}
