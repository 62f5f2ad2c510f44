package dev.pidgr.query.inbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.Message;
import dev.pidgr.query.InboxReads;
import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A recipient's inbox: their deliveries, by (organization, user) in SQL, paged on the change time. */
public final class InboxQueries {

    private static final String COLUMNS = "id, message, status, read_at, sent_at, inbox_changed_at FROM {s}.deliveries";

    private final DataSource dataSource;
    private final String sync;
    private final String entry;

    public InboxQueries(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.sync = Sql.in(schema, "SELECT " + COLUMNS + """
                 WHERE organization_id = ? AND user_id = ? AND inbox_changed_at > coalesce(?::timestamptz, '-infinity')
                ORDER BY inbox_changed_at LIMIT ?""");
        this.entry = Sql.in(schema, "SELECT " + COLUMNS + " WHERE organization_id = ? AND user_id = ? AND id = ?");
    }

    public InboxReads.SyncPage sync(String organizationId, String userId, Instant since, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sync)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(userId));
            s.setObject(3, Sql.offsetDateTime(Sql.micros(since)));
            s.setInt(4, limit);
            List<InboxEntry> entries = new ArrayList<>();
            Instant next = since;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(entry(r));
                    next = Sql.instant(r, "inbox_changed_at");
                }
            }
            return new InboxReads.SyncPage(entries, next);
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    public Optional<InboxEntry> entry(String organizationId, String userId, String deliveryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(entry)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(userId));
            s.setString(3, Sql.text(deliveryId));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(entry(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    private static InboxEntry entry(ResultSet r) throws SQLException {
        try {
            return InboxEntry.newBuilder().setDeliveryId(r.getString("id"))
                    .setMessage(Message.parseFrom(r.getBytes("message")))
                    .setStatus(DeliveryStatus.forNumber(r.getInt("status")))
                    .setRead(r.getObject("read_at") != null)
                    .setReceivedAt(Sql.timestamp(Sql.instant(r, "sent_at")))
                    .build();
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("unreadable stored message of delivery " + r.getString("id"), e);
        }
    }
}
