package dev.pidgr.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and PostgreSQL of dev mode, with their data kept under one folder:
 * {@code <dataDir>/kafka} and {@code <dataDir>/postgres}. Nothing else is written there.
 *
 * <p>Ports: by default fixed, {@link #DEFAULT_KAFKA_PORT} and {@link #DEFAULT_POSTGRES_PORT} (not
 * Kafka's and PostgreSQL's own 9092 and 5432, so a locally installed Kafka or PostgreSQL does not
 * get in the way), so that addresses stay the same from one run to the next for the tools and
 * clients pointed at them. Callers may give other ports; 0 picks a free one. A port already in use
 * fails the start with a message naming it, except a port held by this folder's own PostgreSQL left
 * running by a killed earlier run: that server is stopped first.
 *
 * <p>Restarts after a crash (kill -9 included) recover by themselves. Kafka recovers its logs; its
 * start then takes about 10 s longer, until the dead broker's registration expires. A PostgreSQL
 * server the dead JVM left running is stopped, and PostgreSQL replays its WAL (see
 * {@link EmbeddedPostgres}).
 */
public final class DevInfra implements AutoCloseable {

    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_POSTGRES_PORT = 15432;
    private static final Logger LOG = LoggerFactory.getLogger(DevInfra.class);

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;

    private DevInfra(EmbeddedKafka kafka, EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Starts both on the default ports. */
    public static DevInfra start(Path dataDir) throws IOException {
        return start(dataDir, DEFAULT_KAFKA_PORT, DEFAULT_POSTGRES_PORT);
    }

    /** Starts both, side by side, on the given ports (0: a free port); returns when both serve. */
    public static DevInfra start(Path dataDir, int kafkaPort, int postgresPort) throws IOException {
        long startedAt = System.nanoTime();
        CompletableFuture<EmbeddedPostgres> postgres = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedPostgres.start(dataDir.resolve("postgres"), postgresPort);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
        } catch (IOException | RuntimeException e) {
            postgres.thenAccept(DevInfra::closeQuietly).exceptionally(ignored -> null).join();
            throw e;
        }
        try {
            DevInfra infra = new DevInfra(kafka, postgres.join());
            LOG.info("Dev infrastructure ready in {} ms: Kafka {}, PostgreSQL 127.0.0.1:{}",
                    (System.nanoTime() - startedAt) / 1_000_000, kafka.bootstrapServers(), infra.postgres.port());
            return infra;
        } catch (CompletionException e) {
            kafka.close();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** Stops Kafka, then PostgreSQL. */
    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stopping PostgreSQL after a failed start failed", e);
        }
    }
}
