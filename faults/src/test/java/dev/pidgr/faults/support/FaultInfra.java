package dev.pidgr.faults.support;

import dev.pidgr.embedded.EmbeddedKafka;
import dev.pidgr.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This test JVM's own Kafka broker and PostgreSQL, with their data under {@code target/fault-infra},
 * which a test may stop and start again on the same data and port while pidgr processes keep
 * running against them. (The shared test infrastructure of other modules cannot be restarted.)
 * Test classes isolate themselves with a fresh namespace and database each, and run one at a time.
 */
public final class FaultInfra {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInfra.class);
    private static final String RUN =
            Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Path ROOT = Path.of("target", "fault-infra", RUN).toAbsolutePath();

    private static EmbeddedKafka kafka;
    private static int kafkaPort;
    private static EmbeddedPostgres postgres;
    private static int postgresPort;
    private static boolean hooked;

    private FaultInfra() {
    }

    /** {@code 127.0.0.1:<port>} of the broker (started on first use); the same across restarts. */
    public static synchronized String bootstrapServers() {
        if (kafka == null && kafkaPort == 0) {
            startKafka();
        }
        return "127.0.0.1:" + kafkaPort;
    }

    /** The database server (started on first use); its port stays the same across restarts. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null && postgresPort == 0) {
            startPostgres();
        }
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres;
    }

    /** Stops the broker cleanly (as an operator restarting it would); clients see it gone. */
    public static synchronized void stopKafka() {
        kafka.close();
        kafka = null;
    }

    /** Starts the broker on its data and port (the first time: fresh data, a free port). */
    public static synchronized void startKafka() {
        try {
            kafka = EmbeddedKafka.start(ROOT.resolve("kafka"), kafkaPort);
            kafkaPort = Integer.parseInt(
                    kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));
            hookOnce();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops PostgreSQL (fast shutdown: open sessions end). */
    public static synchronized void stopPostgres() {
        try {
            postgres.close();
            postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts PostgreSQL on its data and port (durable: fsync on, so a restart keeps every commit). */
    public static synchronized void startPostgres() {
        try {
            postgres = EmbeddedPostgres.start(ROOT.resolve("postgres"), postgresPort);
            postgresPort = postgres.port();
            hookOnce();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts whatever a failed test left stopped, so the next test class finds both running. */
    public static synchronized void ensureRunning() {
        if (kafka == null && kafkaPort != 0) {
            startKafka();
        }
        if (postgres == null && postgresPort != 0) {
            startPostgres();
        }
    }

    /** A topic namespace never used before in this JVM. */
    public static String newNamespace() {
        return "f" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A fresh, empty database. */
    public static String newDatabase() {
        String name = "f_" + RUN + "_" + SEQUENCE.incrementAndGet();
        postgres().createDatabase(name);
        return name;
    }

    private static void hookOnce() {
        if (hooked) {
            return;
        }
        hooked = true;
        // After the children's killer (registered earlier, by the first ServeProcess or Deployment), in practice:
        // shutdown hooks run concurrently, so the brokers' clients may log a few warnings while it goes.
        Runtime.getRuntime().addShutdownHook(new Thread(FaultInfra::shutdown, "fault-infra-stopper"));
    }

    private static synchronized void shutdown() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            deleteRecursively(ROOT);
        } catch (IOException | RuntimeException e) {
            LOG.warn("stopping the fault infrastructure failed: {}", e.toString());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
