package dev.pidgr.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker and one PostgreSQL per test JVM, started on first use (in temporary
 * directories, on free ports) and stopped by a shutdown hook. Test classes share them and isolate
 * themselves: a fresh {@link #newNamespace() topic namespace} and a fresh
 * {@link #newDatabase() database} each. Thread-safe; the two start independently, so a test that
 * needs only PostgreSQL never waits for Kafka.
 */
public final class SharedTestInfra {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTestInfra.class);
    /** Distinguishes this JVM's names from another's on a shared broker or in leftover data. */
    private static final String RUN =
            Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Object KAFKA_LOCK = new Object();
    private static final Object POSTGRES_LOCK = new Object();
    private static volatile EmbeddedKafka kafka;
    private static volatile EmbeddedPostgres postgres;

    private SharedTestInfra() {
    }

    /** This JVM's broker, started on first call. */
    public static EmbeddedKafka kafka() {
        EmbeddedKafka started = kafka;
        if (started != null) {
            return started;
        }
        synchronized (KAFKA_LOCK) {
            if (kafka == null) {
                long startedAt = System.nanoTime();
                try {
                    Path dir = Files.createTempDirectory("pidgr-kafka");
                    EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
                    onShutdown("kafka", () -> {
                        broker.close();
                        deleteRecursively(dir);
                    });
                    kafka = broker;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the shared test Kafka broker", e);
                }
                LOG.info(
                        "Shared test Kafka {} ready after {} ms",
                        kafka.bootstrapServers(),
                        (System.nanoTime() - startedAt) / 1_000_000);
            }
            return kafka;
        }
    }

    /** This JVM's PostgreSQL, started on first call. */
    public static EmbeddedPostgres postgres() {
        EmbeddedPostgres started = postgres;
        if (started != null) {
            return started;
        }
        synchronized (POSTGRES_LOCK) {
            if (postgres == null) {
                long startedAt = System.nanoTime();
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.start(null, 0);
                    onShutdown("postgres", server::close);
                    postgres = server;
                } catch (IOException e) {
                    throw new UncheckedIOException("could not start the shared test PostgreSQL", e);
                }
                LOG.info(
                        "Shared test PostgreSQL on port {} ready after {} ms",
                        postgres.port(),
                        (System.nanoTime() - startedAt) / 1_000_000);
            }
            return postgres;
        }
    }

    /**
     * A name never returned before in this JVM, such as {@code t4k2qz-7}: lowercase letters,
     * digits and a dash, usable as a topic-name prefix and a Streams application-id prefix.
     */
    public static String newNamespace() {
        return "t" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** Creates a fresh, empty database (such as {@code t_4k2qz_8}) and returns its name. */
    public static String newDatabase() {
        String name = "t_" + RUN + "_" + SEQUENCE.incrementAndGet();
        postgres().createDatabase(name);
        return name;
    }

    /** A plain DataSource on a fresh, empty database. */
    public static DataSource newDataSource() {
        return postgres().dataSource(newDatabase());
    }

    private interface Closer {
        void close() throws Exception;
    }

    private static void onShutdown(String what, Closer closer) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closer.close();
            } catch (Exception e) {
                LOG.warn("Stopping the shared test {} failed", what, e);
            }
        }, "shared-test-" + what + "-stopper"));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
