package dev.pidgr.query.replay;

import dev.pidgr.query.inbox.InboxClock;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps recipients' Sync cursors valid across a replay. A rebuilt inbox may nudge change times
 * differently (one user's changes from several partitions can be applied in another order), so
 * before the switch, while nothing writes either schema, each entry whose inbox state (status,
 * read) is the same in both schemas takes its old change time back; every other entry (new during
 * the replay, or changed by it) is stamped after the latest of those in its inbox, so a client
 * syncing from an old cursor sees it as changed. Runs in the caller's transaction.
 */
public final class InboxTimes {

    /** Far enough that a shifted time never meets a real one (timestamptz reaches year 294276). */
    private static final String SHIFT = "interval '10000 years'";
    private static final String SHIFTED_FROM = "'5000-01-01'::timestamptz";

    private InboxTimes() {
    }

    /** Returns how many entries were stamped anew (0 when the rebuild matched the old schema). */
    public static int carryOver(Connection c, String previous, String fresh) throws SQLException {
        String moved = """
                UPDATE {s}.deliveries n SET inbox_changed_at = n.inbox_changed_at + %s
                WHERE NOT EXISTS (SELECT 1 FROM {o}.deliveries o WHERE o.id = n.id
                    AND o.inbox_changed_at = n.inbox_changed_at AND o.status = n.status
                    AND (o.read_at IS NULL) = (n.read_at IS NULL))""".formatted(SHIFT);
        String restore = """
                UPDATE {s}.deliveries n SET inbox_changed_at = o.inbox_changed_at FROM {o}.deliveries o
                WHERE n.inbox_changed_at >= %s AND o.id = n.id AND o.status = n.status
                    AND (o.read_at IS NULL) = (n.read_at IS NULL)""".formatted(SHIFTED_FROM);
        try (Statement s = c.createStatement()) {
            s.executeUpdate(in(moved, previous, fresh));
            s.executeUpdate(in(restore, previous, fresh));
        }
        return restamp(c, fresh);
    }

    private static String in(String sql, String previous, String fresh) {
        return Sql.in(fresh, sql).replace("{o}", Sql.identifier(previous));
    }

    private record Entry(String id, String organizationId, String userId, Instant time, Instant floor) {
    }

    /** Entries still shifted are new or changed: each goes after everything else in its inbox, in order. */
    private static int restamp(Connection c, String fresh) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(Sql.in(fresh, """
                SELECT d.id, d.organization_id, d.user_id, d.inbox_changed_at - %s AS t,
                    (SELECT max(x.inbox_changed_at) FROM {s}.deliveries x WHERE x.organization_id = d.organization_id
                        AND x.user_id = d.user_id AND x.inbox_changed_at < %s) AS floor
                FROM {s}.deliveries d WHERE d.inbox_changed_at >= %s
                ORDER BY d.organization_id, d.user_id, t""".formatted(SHIFT, SHIFTED_FROM, SHIFTED_FROM)));
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                entries.add(new Entry(r.getString(1), r.getString(2), r.getString(3), Sql.instant(r, "t"),
                        Sql.instant(r, "floor")));
            }
        }
        List<String> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        Entry previousEntry = null;
        Instant last = null;
        for (Entry e : entries) {
            boolean sameInbox = previousEntry != null && Objects.equals(previousEntry.organizationId, e.organizationId)
                    && Objects.equals(previousEntry.userId, e.userId);
            last = InboxClock.next(e.time, sameInbox ? last : e.floor);
            ids.add(e.id);
            times.add(last);
            previousEntry = e;
        }
        if (!ids.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(Sql.in(fresh, """
                    UPDATE {s}.deliveries d SET inbox_changed_at = m.t
                    FROM unnest(?::text[], ?::timestamptz[]) AS m(id, t) WHERE d.id = m.id"""))) {
                s.setArray(1, Sql.texts(c, ids));
                s.setArray(2, Sql.instants(c, times));
                s.executeUpdate();
            }
        }
        return ids.size();
    }
}
