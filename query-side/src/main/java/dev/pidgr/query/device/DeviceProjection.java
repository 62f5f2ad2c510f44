package dev.pidgr.query.device;

import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.query.projection.Parsed;
import dev.pidgr.query.projection.Projection;
import dev.pidgr.query.projection.Skips;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Projects pidgr.device.events into devices and user_contacts. An event applies only when its version
 * is newer than the recipient's projected one, so a replayed or duplicated event changes nothing. Device
 * events are few (a recipient registers a handful of devices), so each applies with its own statements.
 */
public final class DeviceProjection implements Projection {

    public static final String NAME = "devices";

    private final String topic;
    private final String loadVersion;
    private final String insertDevice;
    private final String updateDevice;
    private final String deactivateDevice;
    private final String upsertContact;

    public DeviceProjection(String schema, String topic) {
        this.topic = topic;
        this.loadVersion = Sql.in(schema,
                "SELECT version FROM {s}.user_contacts WHERE organization_id = ? AND user_id = ?");
        this.insertDevice = Sql.in(schema, """
            INSERT INTO {s}.devices (organization_id, user_id, device_id, platform, active, created_at, last_seen,
                registered_version) VALUES (?, ?, ?, ?, true, ?, ?, ?)
            ON CONFLICT (organization_id, user_id, device_id) DO NOTHING\
            """);
        this.updateDevice = Sql.in(schema, """
            UPDATE {s}.devices SET platform = ?, active = true, last_seen = ?
            WHERE organization_id = ? AND user_id = ? AND device_id = ?\
            """);
        this.deactivateDevice = Sql.in(schema,
                "UPDATE {s}.devices SET active = false WHERE organization_id = ? AND user_id = ? AND device_id = ?");
        this.upsertContact = Sql.in(schema, """
            INSERT INTO {s}.user_contacts AS u (organization_id, user_id, email, version, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, user_id) DO UPDATE SET version = EXCLUDED.version,
                updated_at = EXCLUDED.updated_at,
                email = CASE WHEN ? THEN EXCLUDED.email ELSE u.email END\
            """);
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
        Map<String, Long> versions = new HashMap<>();
        for (Parsed<DeviceEvent> parsed : Parsed.all(records, DeviceEvent.parser(), skips)) {
            DeviceEvent e = parsed.event();
            String key = e.getOrganizationId().length() + ":" + e.getOrganizationId() + "/" + e.getUserId();
            long projected = versions.containsKey(key) ? versions.get(key) : version(c, e);
            if (e.getVersion() <= projected) {
                continue;
            }
            if (e.getPayloadCase() == DeviceEvent.PayloadCase.PAYLOAD_NOT_SET) {
                skips.add(parsed.record(), "device event " + e.getEventId() + " has no payload");
                continue;
            }
            applyOne(c, e);
            versions.put(key, e.getVersion());
        }
    }

    private long version(Connection c, DeviceEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(loadVersion)) {
            s.setString(1, Sql.text(e.getOrganizationId()));
            s.setString(2, Sql.text(e.getUserId()));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private void applyOne(Connection c, DeviceEvent e) throws SQLException {
        switch (e.getPayloadCase()) {
            case REGISTERED -> run(c, insertDevice, e.getOrganizationId(), e.getUserId(),
                    e.getRegistered().getDeviceId(), e.getRegistered().getPlatformValue(),
                    Sql.offsetDateTime(Sql.instant(e.getOccurredAt())),
                    Sql.offsetDateTime(Sql.instant(e.getOccurredAt())), e.getVersion());
            case TOKEN_REPLACED -> run(c, updateDevice, e.getTokenReplaced().getPlatformValue(),
                    Sql.offsetDateTime(Sql.instant(e.getOccurredAt())), e.getOrganizationId(), e.getUserId(),
                    e.getTokenReplaced().getDeviceId());
            case DEACTIVATED -> run(c, deactivateDevice, e.getOrganizationId(), e.getUserId(),
                    e.getDeactivated().getDeviceId());
            case EMAIL_SET, PAYLOAD_NOT_SET -> {
            }
        }
        run(c, upsertContact, e.getOrganizationId(), e.getUserId(), e.getEmailSet().getEmail(), e.getVersion(),
                Sql.offsetDateTime(Sql.instant(e.getOccurredAt())), e.hasEmailSet());
    }

    private static void run(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                s.setObject(i + 1, v instanceof String text ? Sql.text(text) : v);
            }
            s.executeUpdate();
        }
    }
}
