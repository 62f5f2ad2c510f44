package dev.pidgr.query.replay;

import dev.pidgr.query.sql.Control;
import dev.pidgr.query.sql.Locks;
import dev.pidgr.query.sql.Schemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay's side of the schema switch, on the replay's own session (which holds the replay
 * lock throughout, and the writer lock from the handover on).
 */
public final class Handover {

    private static final Logger log = LoggerFactory.getLogger(Handover.class);
    private static final String LOCK_TIMEOUT = "SET lock_timeout = '10s'";

    private final Schemas schemas;
    private final Control control;
    private final Connection session;

    public Handover(Schemas schemas, Control control, Connection session) {
        this.schemas = schemas;
        this.control = control;
        this.session = session;
    }

    /** Drops what crashed replays left behind and creates and migrates a new data schema. */
    public String createFreshSchema() throws SQLException {
        Locks.lock(session, schemas.base(), Locks.ADMIN);
        try {
            String active = control.read(session).activeSchema();
            for (String schema : schemas.dataSchemas(session)) {
                if (!schema.equals(active)) {
                    log.info("replay: dropping {}, left over by an earlier replay", schema);
                    schemas.drop(session, schema);
                }
            }
            String fresh = schemas.nextDataSchema(session);
            schemas.migrateData(fresh);
            return fresh;
        } finally {
            Locks.unlock(session, schemas.base(), Locks.ADMIN);
        }
    }

    /** Asks the live projector to let go, and waits until this session holds the writer lock. */
    public void takeWriterLock(String fresh, Duration timeout, Runnable whileWaiting)
            throws SQLException, InterruptedException {
        control.requestHandover(session, fresh);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = 0;
        while (!Locks.tryLock(session, schemas.base(), Locks.WRITER)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projector did not hand over within " + timeout);
            }
            if (System.nanoTime() > nextReport) {
                whileWaiting.run();
                nextReport = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            }
            Thread.sleep(100);
        }
    }

    /**
     * Carries the old schema's inbox change times over (see {@link InboxTimes}), then repoints the
     * views and the control row at {@code fresh}, all in one transaction.
     */
    public void switchTo(String previous, String fresh) throws SQLException {
        Locks.lock(session, schemas.base(), Locks.ADMIN);
        try {
            session.setAutoCommit(false);
            try (Statement s = session.createStatement()) {
                s.execute(LOCK_TIMEOUT.replace("SET", "SET LOCAL"));
                int restamped = InboxTimes.carryOver(session, previous, fresh);
                log.info(
                        "replay: inbox change times carried over from {}; {} entries stamped anew",
                        previous,
                        restamped);
                schemas.pointViewsAt(session, fresh);
                control.switchTo(session, fresh);
                s.execute("NOTIFY " + schemas.base() + "_projection, 'switched'");
                session.commit();
            } catch (SQLException | RuntimeException e) {
                session.rollback();
                throw e;
            } finally {
                session.setAutoCommit(true);
            }
        } finally {
            Locks.unlock(session, schemas.base(), Locks.ADMIN);
        }
    }

    /** Drops the old schema; if readers hold it too long, it is left for the next replay to drop. */
    public void dropQuietly(String previous) {
        try {
            Locks.lock(session, schemas.base(), Locks.ADMIN);
            try (Statement s = session.createStatement()) {
                s.execute(LOCK_TIMEOUT);
                schemas.drop(session, previous);
                s.execute("RESET lock_timeout");
            } finally {
                Locks.unlock(session, schemas.base(), Locks.ADMIN);
            }
        } catch (SQLException e) {
            log.warn("replay: could not drop {} ({}); the next replay drops it", previous, e.getMessage());
        }
    }

    /** After a failure before the switch: withdraw the request and drop the half-built schema. */
    public void abandon(String fresh) {
        try {
            control.clearHandover(session);
            dropQuietly(fresh);
        } catch (SQLException e) {
            log.warn("replay: could not clean up {} ({}); the next replay drops it", fresh, e.getMessage());
        }
    }

    /** Session locks must not go back into a pool with the connection. */
    public static void releaseAll(Connection session) throws SQLException {
        try (Statement s = session.createStatement()) {
            s.execute("SELECT pg_advisory_unlock_all()");
        }
    }
}
