package dev.pidgr.query.delivery;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.query.inbox.InboxKey;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** What a batch of delivery events needs to know first: one query per kind of state, keys as arrays. */
final class DeliveryLoads {

    private final String loadRuns;
    private final String loadDeliveries;
    private final String loadInboxes;

    DeliveryLoads(String schema) {
        loadRuns = Sql.in(schema, """
                SELECT campaign_id, organization_id, version, current_step_id, step_entered_at, next_wake_up_at
                FROM {s}.campaign_runs WHERE campaign_id = ANY(?::text[])""");
        loadDeliveries = Sql.in(schema, "SELECT * FROM {s}.deliveries WHERE id = ANY(?::text[])");
        loadInboxes = Sql.in(schema, """
                SELECT k.o, k.u, (SELECT max(d.inbox_changed_at) FROM {s}.deliveries d
                    WHERE d.organization_id = k.o AND d.user_id = k.u) AS last_changed_at
                FROM unnest(?::text[], ?::text[]) AS k(o, u)""");
    }

    Map<String, RunState> runs(Connection c, Collection<String> campaignIds) throws SQLException {
        Map<String, RunState> runs = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(loadRuns)) {
            s.setArray(1, Sql.texts(c, campaignIds));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    RunState run = new RunState(r.getString(1), r.getString(2), r.getLong(3), r.getString(4),
                            Sql.instant(r, "step_entered_at"), Sql.instant(r, "next_wake_up_at"));
                    runs.put(run.campaignId(), run);
                }
            }
        }
        return runs;
    }

    Map<String, DeliveryRow> deliveries(Connection c, Collection<String> ids) throws SQLException {
        Map<String, DeliveryRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement(loadDeliveries)) {
            s.setArray(1, Sql.texts(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DeliveryRow row = read(r);
                    rows.put(row.id(), row);
                }
            }
        }
        return rows;
    }

    static DeliveryRow read(ResultSet r) throws SQLException {
        return new DeliveryRow(r.getString("id"), r.getString("campaign_id"), r.getString("organization_id"),
                r.getString("user_id"), DeliveryStatus.forNumber(r.getInt("status")), Sql.instant(r, "sent_at"),
                Sql.instant(r, "delivered_at"), Sql.instant(r, "read_at"), Sql.instant(r, "acknowledged_at"),
                Sql.instant(r, "missed_at"), r.getInt("reminder_count"), Sql.instant(r, "last_reminded_at"),
                r.getBytes("message"), Sql.instant(r, "inbox_changed_at"));
    }

    /**
     * Each inbox's last change time: the latest change time among its entries (a change always
     * moves its entry past every other), found through the inbox_changes index; absent when empty.
     */
    Map<InboxKey, Instant> inboxClocks(Connection c, Collection<InboxKey> keys) throws SQLException {
        Map<InboxKey, Instant> clocks = new HashMap<>();
        if (keys.isEmpty()) {
            return clocks;
        }
        try (PreparedStatement s = c.prepareStatement(loadInboxes)) {
            s.setArray(1, Sql.texts(c, keys.stream().map(InboxKey::organizationId).toList()));
            s.setArray(2, Sql.texts(c, keys.stream().map(InboxKey::userId).toList()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant last = Sql.instant(r, "last_changed_at");
                    if (last != null) {
                        clocks.put(new InboxKey(r.getString(1), r.getString(2)), last);
                    }
                }
            }
        }
        return clocks;
    }
}
