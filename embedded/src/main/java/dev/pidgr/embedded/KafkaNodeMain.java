package dev.pidgr.embedded;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * One node of an {@link EmbeddedKafkaCluster}, in a JVM of its own so that a test can kill it with
 * SIGKILL like a crashed machine. Formats its storage with the cluster's id if it is new, starts,
 * and runs until SIGTERM (a controlled shutdown) or SIGKILL (none).
 *
 * <p>Arguments: data directory, node id, broker port, controller port, quorum voters, replication, cluster id.
 */
public final class KafkaNodeMain {

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException(
                    "usage: KafkaNodeMain <dir> <node id> <broker port> <controller port> <voters> "
                            + "<replication> <cluster id>");
        }
        Path dir = Path.of(args[0]);
        KafkaNodeConfig node = new KafkaNodeConfig(
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                args[4],
                Integer.parseInt(args[5]),
                dir.resolve("log"));
        Properties props = node.properties();
        Files.createDirectories(node.logDir());
        Path propsFile = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propsFile)) {
            props.store(out, "written by pidgr KafkaNodeMain at every start");
        }
        EmbeddedKafka.formatIfNew(node.logDir(), propsFile, args[6]);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            stopped.countDown();
        }, "kafka-node-shutdown"));
        server.startup();
        stopped.await();
    }
}
