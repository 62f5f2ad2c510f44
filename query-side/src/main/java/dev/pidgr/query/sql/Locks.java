package dev.pidgr.query.sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;

/**
 * The PostgreSQL advisory locks that coordinate processes sharing one projection (session-level,
 * so a process that dies releases them with its connection). Keys are (a fixed class, a hash of
 * base schema and purpose), so deployments with different base schemas never contend.
 */
public final class Locks {

    /** Migrations, bootstrap, view switches and schema drops. */
    public static final String ADMIN = "admin";
    /** Whoever holds it is the one live projector writing the active schema. */
    public static final String WRITER = "writer";
    /** Held for the whole of a replay: one replay at a time; its holder may ask for a handover. */
    public static final String REPLAY = "replay";

    private static final int CLASS = 0x70696467; // "pidg"

    private Locks() {
    }

    public static int key(String baseSchema, String purpose) {
        CRC32 crc = new CRC32();
        crc.update((baseSchema + ":" + purpose).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & 0x7fffffff);
    }

    public static boolean tryLock(Connection c, String baseSchema, String purpose) throws SQLException {
        return call(c, "SELECT pg_try_advisory_lock(?, ?)", baseSchema, purpose);
    }

    /** Waits for the lock (the caller's statement_timeout / lock_timeout bound the wait). */
    public static void lock(Connection c, String baseSchema, String purpose) throws SQLException {
        call(c, "SELECT pg_advisory_lock(?, ?) IS NULL", baseSchema, purpose);
    }

    public static void unlock(Connection c, String baseSchema, String purpose) throws SQLException {
        call(c, "SELECT pg_advisory_unlock(?, ?)", baseSchema, purpose);
    }

    /** Whether some session (this one included) holds the lock. */
    public static boolean held(Connection c, String baseSchema, String purpose) throws SQLException {
        return call(c, """
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
                    AND classid = (?::int)::oid AND objid = (?::int)::oid AND database = (
                        SELECT oid FROM pg_database WHERE datname = current_database()))""", baseSchema, purpose);
    }

    private static boolean call(Connection c, String sql, String baseSchema, String purpose) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, CLASS);
            s.setInt(2, key(baseSchema, purpose));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}
