package dev.pidgr.query.projection;

import dev.pidgr.contract.Topics;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.sql.Control;
import dev.pidgr.query.sql.Locks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, every control interval, whether this process projects. It projects while it holds the
 * writer lock (on its own connection), always into the active schema read after taking the lock.
 * When a running replay asks for a handover it stops its projectors after their current batch and
 * lets the lock go; it does not take it back while that replay is alive, then resumes on whatever
 * schema is active. A lost connection means a possibly lost lock: projecting stops at once.
 */
public final class LiveCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCoordinator.class);

    private final DataSource dataSource;
    private final Properties kafkaConfig;
    private final Topics topics;
    private final QuerySettings settings;
    private final Callable<Map<TopicPartition, Long>> endOffsets;
    private Map<TopicPartition, Long> readyTarget;
    private final Control control;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile ProjectorSet live;
    private Connection lockConnection;

    public LiveCoordinator(DataSource dataSource, Properties kafkaConfig, Topics topics, QuerySettings settings,
                           Callable<Map<TopicPartition, Long>> endOffsets) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.settings = settings;
        this.endOffsets = endOffsets;
        this.control = new Control(settings.schema());
        this.thread = Thread.ofPlatform().name("pidgr-query-coordinator").unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean projecting() {
        return live != null;
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (SQLException e) {
                log.warn("query coordinator lost the database ({}); not projecting until it is back", e.getMessage());
                stopProjecting();
                closeLockConnection();
            } catch (RuntimeException e) {
                log.error("query coordinator failed; letting the writer lock go and retrying", e);
                stopProjecting();
                closeLockConnection();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep();
        }
        stopProjecting();
        releaseLock();
        closeLockConnection();
    }

    private void tick() throws SQLException, InterruptedException {
        if (lockConnection == null) {
            lockConnection = dataSource.getConnection();
        }
        Control.State state = control.read(lockConnection);
        boolean replayWaits = state.handoverTo() != null && Locks.held(lockConnection, settings.schema(), Locks.REPLAY);
        if (live == null && !replayWaits && Locks.tryLock(lockConnection, settings.schema(), Locks.WRITER)) {
            String schema = control.read(lockConnection).activeSchema();
            log.info("projecting into {}", schema);
            ProjectorSet set = new ProjectorSet(dataSource, schema, topics, kafkaConfig, settings.maxBatchRecords(),
                    settings.pollTimeout(), settings.notifyChannel());
            set.start();
            live = set;
        } else if (live != null && replayWaits) {
            log.info("a replay into {} asked for the projection: stopping the live projectors", state.handoverTo());
            stopProjecting();
            Locks.unlock(lockConnection, settings.schema(), Locks.WRITER);
        }
        if (!caughtUp) {
            checkCaughtUp();
        }
    }

    /** Ready once the projections reach the end offsets seen when Kafka first answered. */
    private void checkCaughtUp() throws SQLException {
        if (readyTarget == null) {
            try {
                readyTarget = Map.copyOf(endOffsets.call());
                log.info("query side ready once {} events are projected", EndOffsets.sum(readyTarget));
            } catch (Exception e) {
                log.debug("end offsets not available yet", e);
                return;
            }
        }
        caughtUp = StoredOffsets.reached(StoredOffsets.read(lockConnection, settings.schema()), readyTarget);
    }

    private void stopProjecting() {
        ProjectorSet set = live;
        live = null;
        if (set != null) {
            set.close();
        }
    }

    private void releaseLock() {
        if (lockConnection != null) {
            try {
                Locks.unlock(lockConnection, settings.schema(), Locks.WRITER);
            } catch (SQLException e) {
                log.debug("writer lock goes with the connection", e);
            }
        }
    }

    /** Pooled connections outlive their borrower: a held advisory lock must never go back into the pool. */
    private void closeLockConnection() {
        if (lockConnection != null) {
            try (var s = lockConnection.createStatement()) {
                s.execute("SELECT pg_advisory_unlock_all()");
            } catch (SQLException e) {
                log.debug("lock connection is broken; the pool discards it", e);
            }
            try {
                lockConnection.close();
            } catch (SQLException e) {
                log.debug("closing the lock connection", e);
            }
            lockConnection = null;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(settings.controlInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops projecting (after the current batches), releases the lock and waits for the coordinator thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
