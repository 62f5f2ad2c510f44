package dev.pidgr.bench.copy;

import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.contract.Ids;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The projection's baseline: one PostgreSQL COPY of as many delivery rows into a scratch table
 * shaped like the live deliveries table ({@code LIKE ... INCLUDING ALL}: the same columns, defaults,
 * primary key and indexes) in the active data schema of the same database, in COPY's default text
 * format or in its binary format (about twice as fast here: no hex to parse for the messages). Each
 * row carries a real rendered message of the run. The rows are built before the clock starts; the
 * clock stops when the COPY has committed.
 */
public final class CopyBaseline {

    private static final String COLUMNS =
            "id, campaign_id, organization_id, user_id, status, sent_at, reminder_count, message, inbox_changed_at";
    private static final short SENT = 2;

    /** COPY's data formats. */
    public enum Format {
        /** COPY's default: tab-separated text, bytea in hex. */
        TEXT(""),
        /** PostgreSQL's binary COPY format. */
        BINARY(" (FORMAT binary)");

        private final String option;

        Format(String option) {
            this.option = option;
        }
    }

    private CopyBaseline() {
    }

    /** Seconds the COPY of {@code rows} rows took. */
    public static double run(String jdbcUrl, String user, String password, String organization, List<byte[]> messages,
                             int rows, Format format) throws SQLException {
        List<byte[]> data = rows(format, UUID.randomUUID().toString(), organization, Instant.now(), messages, rows);
        Properties credentials = new Properties();
        credentials.put("user", user);
        credentials.put("password", password == null ? "" : password);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
            String table = scratchTable(connection);
            try {
                long started = System.nanoTime();
                long copied = copy(connection, table, data, format); // autocommit: committed when this returns
                double seconds = (System.nanoTime() - started) / 1e9;
                if (copied != rows) {
                    throw new IllegalStateException("COPY wrote " + copied + " rows, not " + rows);
                }
                return seconds;
            } finally {
                execute(connection, "DROP TABLE " + table);
            }
        }
    }

    /** A new table shaped like the active deliveries table: {@code <active schema>.bench_copy_<random>}. */
    static String scratchTable(Connection connection) throws SQLException {
        String schema = activeSchema(connection);
        String table = schema + ".bench_copy_" + UUID.randomUUID().toString().substring(0, 8);
        execute(connection, "CREATE TABLE " + table + " (LIKE " + schema + ".deliveries INCLUDING ALL)");
        return table;
    }

    /** One COPY of the data into the table; the number of rows it wrote. */
    static long copy(Connection connection, String table, List<byte[]> data, Format format) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN" + format.option);
        for (byte[] chunk : data) {
            copy.writeToCopy(chunk, 0, chunk.length);
        }
        return copy.endCopy();
    }

    /**
     * Rows of delivery {@code i} of one campaign: user {@code Campaigns.userId(i)}, sent {@code i} ms after
     * {@code sentAt}.
     */
    static List<byte[]> rows(
            Format format, String campaignId, String organization, Instant sentAt, List<byte[]> messages, int rows) {
        BinaryCopy binary = format == Format.BINARY ? new BinaryCopy() : null;
        TextCopy text = format == Format.TEXT ? new TextCopy() : null;
        for (int i = 0; i < rows; i++) {
            String userId = Campaigns.userId(i);
            Instant at = sentAt.plusMillis(i);
            Object[] row = {Ids.deliveryId(campaignId, userId), campaignId, organization, userId, SENT, at, 0,
                messages.get(i % messages.size()), at};
            if (binary != null) {
                binary.row(row);
            } else {
                text.row(row);
            }
        }
        return binary != null ? binary.finish() : text.finish();
    }

    private static String activeSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT active_schema FROM pidgr.projection_control")) {
            if (!r.next() || r.getString(1) == null) {
                throw new IllegalStateException("the query side has no active schema yet");
            }
            return r.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
