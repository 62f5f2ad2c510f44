package dev.pidgr.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes support: waits until a projection has reached an aggregate version. It LISTENs
 * on the projection channel ({@link QuerySettings#notifyChannel()}, {@code pidgr_projection} by
 * default; payload {@code campaigns}, {@code templates}, {@code deliveries} or {@code switched}),
 * so a waiter wakes within milliseconds of the batch that brings its version committing. Without
 * the listening connection (database restarting) waiters fall back to checking every 100 ms.
 * Thread-safe; one instance (one connection) per process is enough.
 */
public final class ProjectionWaiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWaiter.class);
    private static final long FALLBACK_CHECK_MILLIS = 100;

    private final DataSource dataSource;
    private final ProjectionPositions positions;
    private final String channel;
    private final Object batches = new Object();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile long batchesSeen;

    public ProjectionWaiter(DataSource dataSource, ProjectionPositions positions, String channel) {
        this.dataSource = dataSource;
        this.positions = positions;
        this.channel = channel;
        this.listener = Thread.ofPlatform().daemon().name("pidgr-projection-listener").start(this::listen);
    }

    /** Whether campaign {@code campaignId} reached {@code version} within {@code timeout}. */
    public boolean awaitCampaignVersion(String campaignId, long version, Duration timeout) throws InterruptedException {
        return await(() -> positions.campaignVersion(campaignId) >= version, Instant.now().plus(timeout));
    }

    /** Whether template {@code templateId} reached {@code version} within {@code timeout}. */
    public boolean awaitTemplateVersion(String templateId, long version, Duration timeout) throws InterruptedException {
        return await(() -> positions.templateVersion(templateId) >= version, Instant.now().plus(timeout));
    }

    /**
     * Re-evaluates {@code caughtUp} after every committed projection batch (and at least every
     * 100 ms) until it holds (true) or {@code until} passes (false). Evaluated at least once.
     */
    public boolean await(BooleanSupplier caughtUp, Instant until) throws InterruptedException {
        while (true) {
            long seen = batchesSeen;
            if (caughtUp.getAsBoolean()) {
                return true;
            }
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left <= 0) {
                return false;
            }
            synchronized (batches) {
                if (batchesSeen == seen) {
                    batches.wait(Math.max(1, Math.min(FALLBACK_CHECK_MILLIS, left)));
                }
            }
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        synchronized (batches) {
                            batchesSeen++;
                            batches.notifyAll();
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *");
                }
            } catch (SQLException e) {
                log.warn("projection listener lost its connection ({}); waiters poll until it is back", e.getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
