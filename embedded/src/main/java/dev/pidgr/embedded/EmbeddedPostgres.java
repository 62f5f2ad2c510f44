package dev.pidgr.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server (the zonky binaries, unpacked once per machine) run as a child
 * process of this JVM, listening on 127.0.0.1. Superuser {@code postgres}, trust authentication.
 *
 * <p>With a temporary data directory ({@code dataDir} null) it favours speed: no fsync, and
 * commits are not waited for; the directory is removed on close. With a persistent one it is
 * durable (fsync and synchronous commit on), and a start after the previous owner died with
 * SIGKILL recovers: see {@link OrphanedPostmaster}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final int port;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
        this.port = server.getPort();
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (null: a temporary directory removed on close; new or
     * empty: initialised) and {@code port} (0: a free one), and returns once it answers queries.
     */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException {
        long startedAt = System.nanoTime();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory(zonkyWorkingDirectory(), "pidgr-") : dataDir.toAbsolutePath();
        if (!temporary) {
            Files.createDirectories(dir);
            OrphanedPostmaster.stopIfAny(dir);
            discardUnfinishedInit(dir);
        }
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(temporary)
                .setPort(Ports.freeOr(port, "PostgreSQL"));
        if (!temporary) {
            // zonky passes -F (fsync off) and synchronous_commit=off; later settings win.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            // The owner (dev mode) stops the server itself, after the roles that use it; zonky's own
            // JVM shutdown hook would run at the same time and pull the database from under them.
            builder.setRegisterShutdownHook(false);
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(builder.start());
        LOG.info("PostgreSQL on 127.0.0.1:{} started in {} ms, data in {}",
                postgres.port, (System.nanoTime() - startedAt) / 1_000_000, temporary ? "a temporary directory" : dir);
        return postgres;
    }

    /**
     * Temporary data directories go where zonky unpacks its binaries: each start there stops and
     * deletes those whose owner died more than 10 minutes ago (a test JVM killed by a timeout).
     */
    private static Path zonkyWorkingDirectory() throws IOException {
        Path dir = Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        return Files.createDirectories(dir);
    }

    /**
     * A first start killed during initdb leaves a directory that looks initialised (zonky checks for
     * postgresql.conf) but cannot start. Only a running postmaster writes postmaster.opts, and no
     * data can be written before one runs: without it, the directory holds nothing worth keeping.
     */
    private static void discardUnfinishedInit(Path dir) throws IOException {
        if (Files.exists(dir.resolve("postmaster.opts"))) {
            return;
        }
        try (Stream<Path> contents = Files.walk(dir)) {
            List<Path> leftovers = contents.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).toList();
            if (!leftovers.isEmpty()) {
                LOG.warn("Discarding {}: its initialisation never finished", dir);
            }
            for (Path p : leftovers) {
                Files.delete(p);
            }
        }
    }

    /** A JDBC URL for {@code database}, user included. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** A plain (unpooled) DataSource for {@code database}: every getConnection opens a new connection. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(USER);
        return ds;
    }

    /**
     * Creates {@code name} unless it exists. Names are restricted to lowercase letters, digits and
     * underscores (at most 63), so they never need quoting.
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection c = dataSource("postgres").getConnection()) {
            if (exists(c, name)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: someone else created it meanwhile
                throw new IllegalStateException("could not create database " + name, e);
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public String user() {
        return USER;
    }

    /** Empty: the server trusts connections from this machine. */
    public String password() {
        return "";
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: open sessions are ended, a checkpoint is written). */
    @Override
    public void close() throws IOException {
        long startedAt = System.nanoTime();
        server.close();
        LOG.info("PostgreSQL on 127.0.0.1:{} stopped in {} ms", port, (System.nanoTime() - startedAt) / 1_000_000);
    }
}
