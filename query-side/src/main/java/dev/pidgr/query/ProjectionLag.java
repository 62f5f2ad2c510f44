package dev.pidgr.query;

import dev.pidgr.contract.Topics;
import dev.pidgr.query.campaign.CampaignProjection;
import dev.pidgr.query.delivery.DeliveryProjection;
import dev.pidgr.query.device.DeviceProjection;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.sql.Sql;
import dev.pidgr.query.template.TemplateProjection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each projection is behind its topic, measured from outside any projector: Kafka's end
 * offsets (read_committed) against the offsets stored in the active schema. Seconds behind is
 * now minus the Kafka timestamp of the last record applied on the furthest-behind partition, 0
 * when caught up (and 0 until a lagging partition has applied its first record).
 */
public record ProjectionLag(Instant measuredAt, List<Entry> projections) {

    /** One projection's lag. */
    public record Entry(String projection, String topic, long eventsBehind, double secondsBehind) {
    }

    public ProjectionLag {
        projections = List.copyOf(projections);
    }

    public long eventsBehind() {
        return projections.stream().mapToLong(Entry::eventsBehind).sum();
    }

    public double secondsBehind() {
        return projections.stream().mapToDouble(Entry::secondsBehind).max().orElse(0);
    }

    /** Measures with a short-lived admin client (for a CLI command). */
    public static ProjectionLag measure(DataSource dataSource, Properties kafkaConfig, Topics topics, String schema)
            throws Exception {
        try (Admin admin = Admin.create(kafkaConfig)) {
            return measure(dataSource, admin, topics, schema);
        }
    }

    public static ProjectionLag measure(DataSource dataSource, Admin admin, Topics topics, String schema)
            throws Exception {
        Map<String, String> projections = Map.of(
                CampaignProjection.NAME, topics.campaignEvents().name(),
                TemplateProjection.NAME, topics.templateEvents().name(),
                DeliveryProjection.NAME, topics.deliveryEvents().name(),
                DeviceProjection.NAME, topics.deviceEvents().name());
        Map<TopicPartition, Long> ends = EndOffsets.of(admin, projections.values());
        Map<TopicPartition, Stored> stored = stored(dataSource, schema);
        Instant now = Instant.now();
        List<Entry> entries = new ArrayList<>();
        for (String name : List.of(CampaignProjection.NAME, TemplateProjection.NAME, DeliveryProjection.NAME,
                DeviceProjection.NAME)) {
            String topic = projections.get(name);
            long behind = 0;
            double seconds = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                if (!end.getKey().topic().equals(topic)) {
                    continue;
                }
                Stored at = stored.getOrDefault(end.getKey(), new Stored(0, null));
                long partitionBehind = Math.max(0, end.getValue() - at.next());
                behind += partitionBehind;
                if (partitionBehind > 0 && at.lastEventAt() != null) {
                    seconds = Math.max(seconds, Duration.between(at.lastEventAt(), now).toMillis() / 1000.0);
                }
            }
            entries.add(new Entry(name, topic, behind, seconds));
        }
        return new ProjectionLag(now, entries);
    }

    private record Stored(long next, Instant lastEventAt) {
    }

    private static Map<TopicPartition, Stored> stored(DataSource dataSource, String schema) throws SQLException {
        Map<TopicPartition, Stored> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(Sql.in(schema,
                "SELECT topic, partition_no, next_offset, last_event_at FROM {s}.projection_offsets"));
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                stored.put(new TopicPartition(r.getString(1), r.getInt(2)),
                        new Stored(r.getLong(3), Sql.instant(r, "last_event_at")));
            }
        }
        return stored;
    }
}
