package dev.pidgr.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One projector transaction: the offsets' compare-and-set first (it fences any other writer before
 * a row is touched), then the projection's rows, the skipped records and a NOTIFY that PostgreSQL
 * delivers on commit. Either all of it commits or none of it.
 */
final class BatchTransaction {

    private final DataSource dataSource;
    private final Projection projection;
    private final OffsetStore offsets;
    private final String notifyChannel;

    BatchTransaction(DataSource dataSource, Projection projection, OffsetStore offsets, String notifyChannel) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.offsets = offsets;
        this.notifyChannel = notifyChannel;
    }

    void run(List<ConsumerRecord<byte[], byte[]>> records, List<OffsetStore.Move> moves, Skips skips)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                offsets.move(c, projection.name(), projection.topic(), moves);
                if (!records.isEmpty()) {
                    projection.apply(c, records, skips);
                }
                offsets.skipped(c, skips.all());
                notifyReaders(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
            c.setAutoCommit(true);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // a broken connection: the pool discards it, the transaction is gone anyway
        }
    }

    private void notifyReaders(Connection c) throws SQLException {
        if (notifyChannel == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, notifyChannel);
            s.setString(2, projection.name());
            s.execute();
        }
    }

    /**
     * Failures that would repeat on every retry of the same records: data exceptions (22) and
     * integrity violations (23) from PostgreSQL, and any runtime exception from the projection's
     * own (pure) code. Connection trouble is an SQLException of another class and is retried.
     */
    static boolean deterministic(Exception e) {
        if (e instanceof RuntimeException) {
            return true;
        }
        String state = e instanceof SQLException sql ? sql.getSQLState() : null;
        return !(e instanceof OffsetStore.FencedException) && state != null
                && (state.startsWith("22") || state.startsWith("23"));
    }
}
