package dev.pidgr.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real one-node Kafka 4.4 cluster (KRaft: broker and controller in one node) running in this
 * JVM, with its data in a directory that survives restarts and crashes.
 *
 * <p>Layout of {@code dataDir}: {@code server.properties} (rewritten at every start, since ports
 * may change) and {@code log/} (partitions, the metadata log and {@code meta.properties}, which
 * holds the cluster id). The storage is formatted once; later starts reuse its cluster id.
 *
 * <p>Internal topics (consumer offsets, transaction state, share-group state) have replication
 * factor and min ISR 1, so idempotent and transactional producers and Kafka Streams
 * {@code exactly_once_v2} work. Topics are never auto-created. The broker's default record limit
 * stays at Kafka's 1 MiB, like a production broker, so a topic that needs more must say so in its
 * own {@code max.message.bytes}; requests up to 128 MiB are accepted, enough for 64 MiB records.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String clusterId;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String clusterId) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clusterId = clusterId;
    }

    /**
     * Formats {@code dataDir} if it is new, then starts the broker on {@code port} (0: a free one)
     * and returns once it accepts clients. The controller listens on a free port of its own.
     */
    public static EmbeddedKafka start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, null);
    }

    /**
     * As {@link #start(Path, int)}, with a SASL_SSL listener besides the plaintext one when {@code secured} is given.
     */
    public static EmbeddedKafka start(Path dataDir, int port, SaslSslListener secured) throws IOException {
        long startedAt = System.nanoTime();
        Path logDir = dataDir.resolve("log");
        int brokerPort = Ports.freeOr(port, "the Kafka broker");
        Properties props = properties(logDir, brokerPort, Ports.free(1, brokerPort)[0]);
        if (secured != null) {
            secured.addTo(props);
        }
        String clusterId = prepareStorage(dataDir, logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        String bootstrap = "127.0.0.1:" + brokerPort;
        LOG.info("Kafka broker {} (cluster {}) started in {} ms, data in {}",
                bootstrap, clusterId, (System.nanoTime() - startedAt) / 1_000_000, dataDir);
        return new EmbeddedKafka(server, bootstrap, clusterId);
    }

    static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        return KafkaNodeConfig.single(logDir, brokerPort, controllerPort).properties();
    }

    /** Writes the properties file, formats the storage if it is new, and returns the cluster id. */
    private static String prepareStorage(Path dataDir, Path logDir, Properties props) throws IOException {
        Files.createDirectories(logDir);
        Path propsFile = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propsFile)) {
            props.store(out, "written by pidgr EmbeddedKafka at every start");
        }
        if (Files.exists(logDir.resolve("meta.properties")) && !Files.exists(logDir.resolve(".kafka_cleanshutdown"))) {
            // The controller refuses the broker's new registration until the dead one's session
            // expires (broker.session.timeout.ms, 9 s): kept at Kafka's default, as a shorter one
            // would risk fencing the only broker during a long pause on a busy machine.
            LOG.info("Kafka in {} was not shut down cleanly; recovering takes about 10 s longer", dataDir);
        }
        return formatIfNew(logDir, propsFile);
    }

    /** Formats the log directory unless it already holds a cluster; returns the cluster id either way. */
    private static String formatIfNew(Path logDir, Path propsFile) throws IOException {
        return formatIfNew(logDir, propsFile, Uuid.randomUuid().toString());
    }

    /** As above, with the cluster id a new storage gets (every node of a cluster must share it). */
    static String formatIfNew(Path logDir, Path propsFile, String clusterId) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            return clusterIdIn(meta);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {
                "format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException(
                    "formatting Kafka storage in " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
        return clusterIdIn(meta);
    }

    private static String clusterIdIn(Path metaProperties) throws IOException {
        Properties meta = new Properties();
        try (Reader in = Files.newBufferedReader(metaProperties)) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The id the storage was formatted with; stable across restarts on the same data directory. */
    public String clusterId() {
        return clusterId;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed) and waits for it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startedAt = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers, (System.nanoTime() - startedAt) / 1_000_000);
    }
}
