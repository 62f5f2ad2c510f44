package dev.pidgr.query;

import dev.pidgr.contract.Topics;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.projection.LiveCoordinator;
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
 * The query role: migrates the schemas, then keeps the projections of pidgr.campaign.events,
 * pidgr.template.events, pidgr.delivery.events and pidgr.device.events up to date, and serves reads.
 *
 * <p>Several processes may run it against one database: they share one writer lock, so exactly one
 * of them projects at a time and the others take over when it stops. A replay in another process
 * ({@link Replay}) asks the writer to hand over through the control row; this process then stops
 * writing, and later resumes on the new schema from the offsets the replay left there.
 */
public final class QuerySide implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuerySide.class);

    private final DataSource dataSource;
    private final Properties kafkaConfig;
    private final Topics topics;
    private final QuerySettings settings;
    private final Schemas schemas;
    private final PostgresReads reads;
    private volatile boolean migrated;
    private Admin admin;
    private LiveCoordinator coordinator;

    /**
     * @param dataSource         a pool (HikariCP) on the database; the query side needs up to six connections
     *                           of it for projectors and control, plus whatever readers use
     * @param baseConsumerConfig bootstrap.servers and any security settings; the rest is set here
     */
    public QuerySide(DataSource dataSource, Properties baseConsumerConfig, Topics topics, QuerySettings settings) {
        this.dataSource = dataSource;
        this.kafkaConfig = (Properties) baseConsumerConfig.clone();
        this.topics = topics;
        this.settings = settings;
        this.schemas = new Schemas(dataSource, settings.schema());
        this.reads = new PostgresReads(dataSource, new PageTokens(settings.pageTokenKey()), settings.schema());
    }

    /**
     * Migrates (blocking on PostgreSQL, a few seconds at most), then starts projecting in the
     * background. Kafka need not be reachable yet: projecting and readiness wait for it.
     */
    public synchronized void start() throws SQLException {
        if (coordinator != null) {
            throw new IllegalStateException("already started");
        }
        String active = migrate(dataSource, schemas);
        migrated = true;
        admin = Admin.create(kafkaConfig);
        log.info("query side started on schema {} (active data schema {})", settings.schema(), active);
        coordinator = new LiveCoordinator(dataSource, kafkaConfig, topics, settings, this::endOffsets);
        coordinator.start();
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        return EndOffsets.of(admin, List.of(topics.campaignEvents().name(), topics.templateEvents().name(),
                topics.deliveryEvents().name(), topics.deviceEvents().name()), Duration.ofSeconds(5));
    }

    /**
     * Migrates the query side's schemas without projecting: for a process that only serves reads
     * (the api role) and may start before any query role has run. Returns the active data schema.
     */
    public static String migrate(DataSource dataSource, String schema) throws SQLException {
        return migrate(dataSource, new Schemas(dataSource, schema));
    }

    /**
     * Migrates the control schema and the active data schema (making {@code <base>_p1} active on a
     * fresh database) and points the views at it, under the admin lock. Returns the active schema.
     */
    static String migrate(DataSource dataSource, Schemas schemas) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Locks.lock(c, schemas.base(), Locks.ADMIN);
            try {
                schemas.migrateControl();
                Control control = new Control(schemas.base());
                String active = control.activateIfNone(c, schemas.base() + "_p1");
                int ran = schemas.migrateData(active);
                if (ran > 0 || !schemas.viewsExist(c)) {
                    c.setAutoCommit(false);
                    schemas.pointViewsAt(c, active);
                    c.commit();
                    c.setAutoCommit(true);
                }
                return active;
            } finally {
                Locks.unlock(c, schemas.base(), Locks.ADMIN);
            }
        }
    }

    /** Migrations are done and the projections have caught up to the end offsets seen at start. */
    public boolean isReady() {
        return migrated && coordinator != null && coordinator.caughtUp();
    }

    /** Whether this process is the one projecting right now (others stand by). */
    public boolean isProjecting() {
        return coordinator != null && coordinator.projecting();
    }

    /** The reads, usable as soon as {@link #start()} returned. */
    public PostgresReads reads() {
        return reads;
    }

    /** Events and seconds each projection is behind its topic. */
    public ProjectionLag lag() throws Exception {
        if (admin == null) {
            throw new IllegalStateException("not started");
        }
        return ProjectionLag.measure(dataSource, admin, topics, settings.schema());
    }

    /** The PostgreSQL channel notified after every committed projection batch (payload: the projection's name). */
    public String notifyChannel() {
        return settings.notifyChannel();
    }

    /** Stops projecting after the current batches and releases the writer lock, so a standby can take over. */
    @Override
    public synchronized void close() {
        if (coordinator != null) {
            coordinator.close();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
