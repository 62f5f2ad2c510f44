package dev.pidgr.query.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The control row in the base schema: which data schema is active, and whether a replay waits to take over. */
public final class Control {

    /** The row as read. {@code handoverTo} is null unless a replay asked the live projector to stop. */
    public record State(String activeSchema, long generation, String handoverTo) {
    }

    private final String base;

    public Control(String base) {
        this.base = Sql.identifier(base);
    }

    public State read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT active_schema, generation, handover_to FROM " + base + ".projection_control");
             ResultSet r = s.executeQuery()) {
            r.next();
            return new State(r.getString(1), r.getLong(2), r.getString(3));
        }
    }

    /** Makes {@code schema} active if none is yet; returns the active schema either way. */
    public String activateIfNone(Connection c, String schema) throws SQLException {
        update(
                c,
                "UPDATE %s.projection_control SET active_schema = ?, generation = generation + 1 WHERE active_schema"
                        + " IS NULL",
                schema);
        return read(c).activeSchema();
    }

    public void requestHandover(Connection c, String to) throws SQLException {
        update(c, "UPDATE %s.projection_control SET handover_to = ?, handover_requested_at = now()", to);
    }

    public void clearHandover(Connection c) throws SQLException {
        update(c, "UPDATE %s.projection_control SET handover_to = NULL, handover_requested_at = NULL", null);
    }

    /** Records the switch (inside the transaction that repoints the views). */
    public void switchTo(Connection c, String schema) throws SQLException {
        update(c, """
            UPDATE %s.projection_control SET active_schema = ?, generation = generation + 1,
                handover_to = NULL, handover_requested_at = NULL\
            """, schema);
    }

    private void update(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.formatted(base))) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            s.executeUpdate();
        }
    }
}
