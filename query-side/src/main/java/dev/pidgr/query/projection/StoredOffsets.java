package dev.pidgr.query.projection;

import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The next offsets stored in a schema's projection_offsets (a data schema, or the base schema's view of the active
 * one).
 */
public final class StoredOffsets {

    private StoredOffsets() {
    }

    public static Map<TopicPartition, Long> read(Connection c, String schema) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                Sql.in(schema, "SELECT topic, partition_no, next_offset FROM {s}.projection_offsets"));
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                offsets.put(new TopicPartition(r.getString(1), r.getInt(2)), r.getLong(3));
            }
        }
        return offsets;
    }

    /** Whether {@code stored} is at or past {@code target} on every partition of the target. */
    public static boolean reached(Map<TopicPartition, Long> stored, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(t -> stored.getOrDefault(t.getKey(), 0L) >= t.getValue());
    }
}
