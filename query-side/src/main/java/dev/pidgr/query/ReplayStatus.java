package dev.pidgr.query;

import dev.pidgr.query.sql.Control;
import dev.pidgr.query.sql.Locks;
import dev.pidgr.query.sql.Schemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether a replay (docs/operations.md) is under way against this database, wherever it runs: its
 * lock is held; it builds the data schema that is not the active one, and asks for the handover once
 * it caught up.
 *
 * @param into        the data schema being rebuilt ("" when not known yet)
 * @param handingOver whether it caught up and waits for the live projector to hand over
 */
public record ReplayStatus(String into, boolean handingOver) {

    /** The replay under way, if any. */
    public static Optional<ReplayStatus> read(DataSource dataSource, String base) {
        try (Connection c = dataSource.getConnection()) {
            if (!Locks.held(c, base, Locks.REPLAY)) {
                return Optional.empty();
            }
            Control.State control = new Control(base).read(c);
            String into = new Schemas(dataSource, base).dataSchemas(c).stream()
                    .filter(schema -> !schema.equals(control.activeSchema()))
                    .max(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())).orElse("");
            return Optional.of(new ReplayStatus(into, control.handoverTo() != null));
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
