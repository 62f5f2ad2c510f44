package dev.pidgr.query.sql;

import com.google.protobuf.Timestamp;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** Small conversions between Java, protobuf and PostgreSQL values, shared by projectors and readers. */
public final class Sql {

    private Sql() {
    }

    /**
     * PostgreSQL text cannot hold U+0000, and one such character must never stall a projector:
     * it is stored as U+FFFD. Readers pass their parameters through the same function, so a lookup
     * by such an id still finds its row.
     */
    public static String text(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    /** PostgreSQL keeps microseconds: every time is cut to them before it is compared or stored. */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A protobuf timestamp as an instant cut to microseconds. */
    public static Instant instant(Timestamp timestamp) {
        return micros(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static OffsetDateTime offsetDateTime(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant in column {@code column}, or null. */
    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, offsetDateTime(instant));
    }

    /** A text array of ISO-8601 instants (nulls kept), cast to timestamptz[] in SQL. */
    public static Array instants(Connection connection, Collection<Instant> values) throws SQLException {
        String[] texts = new String[values.size()];
        int i = 0;
        for (Instant value : values) {
            texts[i++] = value == null ? null : value.toString();
        }
        return connection.createArrayOf("text", texts);
    }

    public static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(Sql::text).toArray(String[]::new));
    }

    /** {@code sql} with every {@code {s}} replaced by the quoted schema name. */
    public static String in(String schema, String sql) {
        return sql.replace("{s}", identifier(schema));
    }

    /** A quoted identifier: schema names come from configuration, never from a request. */
    public static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
        }
        return "\"" + name + "\"";
    }
}
