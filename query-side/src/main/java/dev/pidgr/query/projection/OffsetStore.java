package dev.pidgr.query.projection;

import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * projection_offsets: the next offset of each (projection, topic, partition), moved in the same
 * transaction as the rows. Moving is a compare-and-set on the offsets this projector last wrote,
 * taken first in the transaction: a second writer (a process that lost its lock but still runs)
 * blocks on the same rows and then fails the comparison, so no event is ever applied twice.
 */
public final class OffsetStore {

    /** One partition's move: from the offset this projector last stored to the next one. */
    public record Move(int partition, long expected, long next, Instant lastEventAt) {
    }

    /** Another writer moved the offsets: this projector must reload them and seek. */
    public static final class FencedException extends SQLException {
        FencedException(String message) {
            super(message);
        }
    }

    private final String ensure;
    private final String load;
    private final String move;
    private final String skip;

    public OffsetStore(String schema) {
        ensure = Sql.in(schema, """
            INSERT INTO {s}.projection_offsets (projection, topic, partition_no, next_offset)
            SELECT ?, ?, p, 0 FROM unnest(?::int[]) AS p ON CONFLICT DO NOTHING\
            """);
        load = Sql.in(
                schema,
                "SELECT partition_no, next_offset FROM {s}.projection_offsets WHERE projection = ? AND topic = ?");
        move = Sql.in(schema, """
            UPDATE {s}.projection_offsets o SET next_offset = m.next, last_event_at = coalesce(m.at, o.last_event_at)
            FROM unnest(?::int[], ?::bigint[], ?::bigint[], ?::timestamptz[]) AS m(p, expected, next, at)
            WHERE o.projection = ? AND o.topic = ? AND o.partition_no = m.p AND o.next_offset = m.expected\
            """);
        skip = Sql.in(schema, """
            INSERT INTO {s}.projection_skipped (topic, partition_no, record_offset, reason)
            VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING\
            """);
    }

    /** The stored next offsets of {@code partitions}, creating rows at 0 for new ones. */
    public Map<Integer, Long> ensure(Connection c, String projection, String topic, List<Integer> partitions)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ensure)) {
            s.setString(1, projection);
            s.setString(2, topic);
            s.setArray(3, c.createArrayOf("int4", partitions.toArray()));
            s.executeUpdate();
        }
        Map<Integer, Long> offsets = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(load)) {
            s.setString(1, projection);
            s.setString(2, topic);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    offsets.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return offsets;
    }

    public void move(Connection c, String projection, String topic, List<Move> moves) throws SQLException {
        if (moves.isEmpty()) {
            return;
        }
        int updated;
        try (PreparedStatement s = c.prepareStatement(move)) {
            s.setArray(1, c.createArrayOf("int4", moves.stream().map(Move::partition).toArray()));
            s.setArray(2, c.createArrayOf("int8", moves.stream().map(Move::expected).toArray()));
            s.setArray(3, c.createArrayOf("int8", moves.stream().map(Move::next).toArray()));
            s.setArray(4, Sql.instants(c, moves.stream().map(Move::lastEventAt).toList()));
            s.setString(5, projection);
            s.setString(6, topic);
            updated = s.executeUpdate();
        }
        if (updated != moves.size()) {
            throw new FencedException("offsets of " + projection + " on " + topic + " were moved by another writer");
        }
    }

    public void skipped(Connection c, List<Skips.Skip> skips) throws SQLException {
        if (skips.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(skip)) {
            for (Skips.Skip k : skips) {
                s.setString(1, k.topic());
                s.setInt(2, k.partition());
                s.setLong(3, k.offset());
                s.setString(4, Sql.text(k.reason()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
