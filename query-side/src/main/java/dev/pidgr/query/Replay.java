package dev.pidgr.query;

import dev.pidgr.contract.Topics;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.projection.ProjectorSet;
import dev.pidgr.query.replay.Handover;
import dev.pidgr.query.replay.ProgressMeter;
import dev.pidgr.query.sql.Control;
import dev.pidgr.query.sql.Locks;
import dev.pidgr.query.sql.Schemas;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every projection from offset 0 of the three event topics into a fresh data schema while
 * the service keeps answering from the current one, then switches readers over atomically and
 * drops the old schema. It only writes PostgreSQL, so it never triggers a side effect.
 *
 * <p>The live projector may run in another process: once the rebuild has reached the end offsets
 * seen at start, the replay asks it (through the control row) to stop, takes the writer lock it
 * lets go, applies the tail that arrived meanwhile, repoints the views and the control row in one
 * transaction, drops the old schema and releases the lock. The live process then resumes on the
 * new schema from the offsets stored there: nothing is lost or applied twice. See
 * docs/operations.md.
 */
public final class Replay {

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private Replay() {
    }

    /** Replays the projections of the default schema {@value QuerySettings#DEFAULT_SCHEMA}. */
    public static ReplaySummary run(DataSource dataSource, Properties consumerConfig, Topics topics,
                                    ReplayListener listener) throws SQLException, InterruptedException {
        return run(dataSource, consumerConfig, topics, QuerySettings.DEFAULT_SCHEMA, listener, Duration.ofMinutes(2));
    }

    /**
     * @param schema          the base schema (as in {@link QuerySettings#schema()})
     * @param handoverTimeout how long to wait for a live projector to let go before giving up (the old
     *                        schema then stays active and the new one is dropped)
     * @throws IllegalStateException when another replay is running, or the handover timed out
     */
    public static ReplaySummary run(DataSource dataSource, Properties consumerConfig, Topics topics, String schema,
                                    ReplayListener listener, Duration handoverTimeout)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        Schemas schemas = new Schemas(dataSource, schema);
        try (Connection session = dataSource.getConnection()) {
            if (!Locks.tryLock(session, schema, Locks.REPLAY)) {
                throw new IllegalStateException("another replay of " + schema + " is running");
            }
            try (Admin admin = Admin.create(consumerConfig)) {
                return replay(dataSource, consumerConfig, topics, schemas, session, admin, listener, handoverTimeout,
                        started);
            } finally {
                Handover.releaseAll(session);
            }
        }
    }

    private static ReplaySummary replay(DataSource dataSource, Properties consumerConfig, Topics topics,
                                        Schemas schemas, Connection session, Admin admin, ReplayListener listener,
                                        Duration handoverTimeout, long started)
            throws SQLException, InterruptedException {
        QuerySide.migrate(dataSource, schemas);
        Handover handover = new Handover(schemas, new Control(schemas.base()), session);
        String fresh = handover.createFreshSchema();
        String previous = new Control(schemas.base()).read(session).activeSchema();
        log.info("replay: rebuilding {} from offset 0 while readers use {}", fresh, previous);
        ProjectorSet projectors = new ProjectorSet(dataSource, fresh, topics, consumerConfig, 5_000,
                Duration.ofMillis(200), null);
        boolean switched = false;
        try {
            Map<TopicPartition, Long> atStart = ends(admin, topics);
            ProgressMeter meter = new ProgressMeter(projectors, listener);
            meter.runUntil(ReplayListener.Phase.REBUILDING, atStart);
            handover.takeWriterLock(
                    fresh, handoverTimeout, () -> meter.report(ReplayListener.Phase.WAITING_FOR_HANDOVER, atStart));
            Map<TopicPartition, Long> atHandover = ends(admin, topics);
            meter.runUntil(ReplayListener.Phase.APPLYING_TAIL, atHandover);
            projectors.close();
            handover.switchTo(previous, fresh);
            switched = true;
            handover.dropQuietly(previous);
            meter.report(ReplayListener.Phase.SWITCHED, atHandover);
            long events = EndOffsets.sum(atHandover);
            log.info("replay: readers now use {}; {} dropped", fresh, previous);
            return new ReplaySummary(previous, fresh, events, events - EndOffsets.sum(atStart),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (!switched) {
                projectors.close();
                handover.abandon(fresh);
            }
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Topics topics) {
        try {
            return EndOffsets.of(admin, List.of(topics.campaignEvents().name(), topics.templateEvents().name(),
                    topics.deliveryEvents().name(), topics.deviceEvents().name()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the event topics' end offsets: " + e.getMessage(), e);
        }
    }
}
