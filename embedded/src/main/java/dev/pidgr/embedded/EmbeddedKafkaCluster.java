package dev.pidgr.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of several KRaft nodes (each broker and controller, all voters), each in a
 * JVM of its own ({@link KafkaNodeMain}) with its own data directory and ports, so that a test can
 * kill one node with SIGKILL, stop it cleanly, or start it again on the same data and ports while
 * the others keep serving. Internal topics are replicated to every node (at most 3) with one fewer
 * in sync, as a production cluster would have them. Child processes are killed when this JVM exits.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<KafkaNodeConfig> nodes = new ArrayList<>();
    private final Process[] processes;

    private EmbeddedKafkaCluster(Path dir, int size) {
        this.dir = dir;
        this.processes = new Process[size];
        int replication = Math.min(3, size);
        int[] free = Ports.free(2 * size);
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(new int[] {free[2 * i], free[2 * i + 1]});
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(i)[1]).collect(Collectors.joining(","));
        for (int i = 0; i < size; i++) {
            nodes.add(new KafkaNodeConfig(i + 1, ports.get(i)[0], ports.get(i)[1], voters, replication,
                    dir.resolve("node-" + (i + 1)).resolve("log")));
        }
    }

    /** Starts {@code size} nodes with their data under {@code dir} and returns once every broker has registered. */
    public static EmbeddedKafkaCluster start(Path dir, int size) throws IOException, InterruptedException {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(dir, size);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::killAll, "kafka-cluster-killer"));
        long startedAt = System.nanoTime();
        for (int id = 1; id <= size; id++) {
            cluster.launch(id);
        }
        cluster.awaitBrokers(size);
        LOG.info("Kafka cluster of {} nodes ({}) started in {} ms, data in {}", size, cluster.bootstrapServers(),
                (System.nanoTime() - startedAt) / 1_000_000, dir);
        return cluster;
    }

    /** Every broker's {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.brokerPort()).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** SIGKILL of node {@code id} (from 1): no controlled shutdown, nothing flushed, like a crashed machine. */
    public void kill(int id) throws InterruptedException {
        Process process = processes[id - 1];
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        LOG.info("Kafka node {} killed (SIGKILL)", id);
    }

    /** SIGTERM of node {@code id}: a controlled shutdown (leadership moves first), as a rolling restart does. */
    public void stop(int id) throws InterruptedException {
        Process process = processes[id - 1];
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        LOG.info("Kafka node {} stopped", id);
    }

    /** Starts node {@code id} again on its data and ports and returns once every broker is registered. */
    public void restart(int id) throws IOException, InterruptedException {
        if (isRunning(id)) {
            throw new IllegalStateException("node " + id + " is running");
        }
        launch(id);
        awaitBrokers(size());
    }

    public boolean isRunning(int id) {
        Process process = processes[id - 1];
        return process != null && process.isAlive();
    }

    /** The node id of the leader of a partition, or -1 while it has none. */
    public int leaderOf(String topic, int partition) throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Node leader = description.partitions().get(partition).leader();
            return leader == null ? -1 : leader.id();
        }
    }

    /** The node ids of the brokers registered with the controller now. */
    public Set<Integer> registeredBrokers() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        }
    }

    /** Node ids of the replicas of {@code partition} that are in sync. */
    public Set<Integer> inSyncReplicas(TopicPartition partition)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(Set.of(partition.topic())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(partition.topic());
            return description.partitions().get(partition.partition()).isr().stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000));
    }

    private void launch(int id) throws IOException {
        KafkaNodeConfig node = nodes.get(id - 1);
        Path nodeDir = node.logDir().getParent();
        Files.createDirectories(nodeDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-cp",
                classPath(),
                KafkaNodeMain.class.getName(),
                nodeDir.toString(),
                Integer.toString(id),
                Integer.toString(node.brokerPort()),
                Integer.toString(node.controllerPort()),
                node.voters(),
                Integer.toString(node.replication()),
                clusterId));
        processes[id - 1] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile())).start();
    }

    private void awaitBrokers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            for (int i = 0; i < processes.length; i++) {
                if (processes[i] != null
                        && !processes[i].isAlive()
                        && processes[i].exitValue() != 137
                        && processes[i].exitValue() != 143) {
                    throw new IllegalStateException("Kafka node " + (i + 1) + " exited with " + processes[i].exitValue()
                            + "; see " + nodes.get(i).logDir().getParent().resolve("node.log"));
                }
            }
            try {
                if (registeredBrokers().size() >= count) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not yet reachable
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka cluster in " + dir + " did not register " + count
                        + " brokers within " + START_LIMIT);
            }
            Thread.sleep(200);
        }
    }

    /** The JVM's class path (surefire may hide it behind a manifest-only jar; it names the real one). */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void killAll() {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Stops every node: SIGTERM to all at once (one by one, the last ones would wait for a quorum that
     * is gone), then SIGKILL to any still running after 15 s.
     */
    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null) {
                process.destroy();
            }
        }
        try {
            for (Process process : processes) {
                if (process != null && !process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killAll();
        }
    }
}
