package dev.pidgr.embedded;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of one KRaft node that is both broker and controller: alone (one voter,
 * replication 1) or one of a cluster (every node a voter, internal topics replicated to
 * {@code replication} nodes with {@code replication - 1} in sync, at least 1).
 *
 * @param voters {@code controller.quorum.voters}: {@code id@127.0.0.1:port} of every node, comma-separated
 */
record KafkaNodeConfig(int nodeId, int brokerPort, int controllerPort, String voters, int replication, Path logDir) {

    static final int MAX_REQUEST_BYTES = 128 * 1024 * 1024;

    /** A one-node cluster. */
    static KafkaNodeConfig single(Path logDir, int brokerPort, int controllerPort) {
        return new KafkaNodeConfig(1, brokerPort, controllerPort, "1@127.0.0.1:" + controllerPort, 1, logDir);
    }

    Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        String minIsr = Integer.toString(Math.max(1, replication - 1));
        for (String topic : new String[] {"offsets.topic", "transaction.state.log", "share.coordinator.state.topic"}) {
            p.setProperty(topic + ".replication.factor", Integer.toString(replication));
            p.setProperty(topic + ".min.isr", minIsr);
        }
        p.setProperty("default.replication.factor", Integer.toString(replication));
        p.setProperty("min.insync.replicas", minIsr);
        // Fewer internal partitions than Kafka's 50: they are created on first use, and a test waits for that.
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("socket.request.max.bytes", String.valueOf(MAX_REQUEST_BYTES));
        p.setProperty("replica.fetch.max.bytes", String.valueOf(MAX_REQUEST_BYTES));
        // The cleaner's dedupe buffer is allocated on the heap up front (128 MiB by default).
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }
}
