package dev.pidgr.query;

import com.google.protobuf.Message;
import dev.pidgr.query.campaign.CampaignProjection;
import dev.pidgr.query.delivery.DeliveryProjection;
import dev.pidgr.query.device.DeviceProjection;
import dev.pidgr.query.projection.Projection;
import dev.pidgr.query.projection.Skips;
import dev.pidgr.query.sql.Schemas;
import dev.pidgr.query.template.TemplateProjection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies events straight through the projections (no Kafka, no offsets): for tests of what the
 * projections and reads do with a given history. Each call is one batch in one transaction.
 */
final class Direct {

    private final DataSource dataSource;
    private final Projection campaigns;
    private final Projection templates;
    private final Projection deliveries;
    private final Projection devices;
    private final AtomicLong offset = new AtomicLong();
    final List<Skips.Skip> skipped = new ArrayList<>();

    /** Migrates a fresh database (control schema, pidgr_p1, views) and projects into its active schema. */
    static Direct on(DataSource dataSource) throws SQLException {
        String active = QuerySide.migrate(dataSource, new Schemas(dataSource, QuerySettings.DEFAULT_SCHEMA));
        return new Direct(dataSource, active);
    }

    Direct(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.campaigns = new CampaignProjection(schema, "campaign.events");
        this.templates = new TemplateProjection(schema, "template.events");
        this.deliveries = new DeliveryProjection(schema, "delivery.events");
        this.devices = new DeviceProjection(schema, "device.events");
    }

    void campaigns(Message... events) throws SQLException {
        apply(campaigns, List.of(events));
    }

    void templates(Message... events) throws SQLException {
        apply(templates, List.of(events));
    }

    void deliveries(Message... events) throws SQLException {
        apply(deliveries, List.of(events));
    }

    void devices(Message... events) throws SQLException {
        apply(devices, List.of(events));
    }

    void deliveries(List<? extends Message> events) throws SQLException {
        apply(deliveries, events);
    }

    void apply(Projection projection, List<? extends Message> events) throws SQLException {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Message event : events) {
            records.add(new ConsumerRecord<>(projection.topic(), 0, offset.getAndIncrement(), new byte[0],
                    event.toByteArray()));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Skips skips = new Skips();
            projection.apply(c, records, skips);
            c.commit();
            c.setAutoCommit(true);
            skipped.addAll(skips.all());
        }
    }
}
