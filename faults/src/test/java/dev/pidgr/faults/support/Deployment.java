package dev.pidgr.faults.support;

import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.NodeSettings;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pidgr deployment on the fault infrastructure: its own topic namespace and database, the
 * production configuration ({@code PIDGR_*} variables, secrets in files, HS256 tokens signed with
 * {@link #JWT_SECRET}), and any mix of {@code pidgr serve} child processes (for the roles a fault
 * hits) and roles run in this JVM (for the rest). Closing it kills the children and stops the rest.
 */
public final class Deployment implements AutoCloseable {

    public static final byte[] JWT_SECRET =
            "the-fault-suite-hs256-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
    public static final byte[] WEBHOOK_SECRET = "the-fault-suite-webhook-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAGE_TOKEN_KEY = "the-fault-suite-page-token-key".getBytes(StandardCharsets.UTF_8);
    public static final Duration START_LIMIT = Duration.ofSeconds(240);

    public final String namespace = FaultInfra.newNamespace();
    public final String database = FaultInfra.newDatabase();
    public final Topics topics = Topics.withNamespace(namespace);
    /** The Kafka cluster the deployment runs on. */
    public final String bootstrapServers;
    private final int partitions;
    private final short replication;
    private final boolean insecureWebhooks;
    private final Path dir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Serve> serves = new ArrayList<>();
    private final List<Child> children = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    /** A deployment on the suite's single broker (topics with one replica). */
    public Deployment(String name, int partitions, boolean insecureWebhooks) {
        this(name, partitions, insecureWebhooks, FaultInfra.bootstrapServers(), 1);
    }

    /**
     * A deployment on the cluster at {@code bootstrapServers}, its topics with {@code replication}
     * replicas (0: chosen by pidgr from the cluster, as {@code serve} does by default).
     */
    public Deployment(String name, int partitions, boolean insecureWebhooks, String bootstrapServers, int replication) {
        this.bootstrapServers = bootstrapServers;
        this.replication = (short) replication;
        this.partitions = partitions;
        this.insecureWebhooks = insecureWebhooks;
        this.dir = Path.of("target", "fault-logs", name + "-" + namespace).toAbsolutePath();
        EmbeddedPostgres postgres = FaultInfra.postgres();
        this.environment.putAll(Map.ofEntries(
                Map.entry("PIDGR_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers),
                Map.entry("PIDGR_NAMESPACE", namespace),
                Map.entry("PIDGR_PARTITIONS", Integer.toString(partitions)),
                Map.entry("PIDGR_REPLICATION_FACTOR", replication == 0 ? "auto" : Integer.toString(replication)),
                Map.entry("PIDGR_JDBC_URL", postgres.jdbcUrl(database)),
                Map.entry("PIDGR_JDBC_USER", postgres.user()),
                Map.entry("PIDGR_JDBC_PASSWORD", postgres.password()),
                Map.entry("PIDGR_JWT_HS256_SECRET_FILE", secret("jwt-hs256-secret", JWT_SECRET)),
                Map.entry("PIDGR_WEBHOOK_SECRET_FILE", secret("webhook-secret", WEBHOOK_SECRET)),
                Map.entry("PIDGR_PAGE_TOKEN_KEY_FILE", secret("page-token-key", PAGE_TOKEN_KEY)),
                Map.entry("PIDGR_ALLOW_INSECURE_WEBHOOKS", Boolean.toString(insecureWebhooks)),
                Map.entry("PIDGR_COMMAND_COMMIT_INTERVAL_MS", "10"),
                Map.entry("PIDGR_WORKFLOW_COMMIT_INTERVAL_MS", "100")));
    }

    /**
     * Changes the variables of processes started from now on: each entry replaces one, and an empty
     * value removes it (e.g. the HS256 secret, for a deployment that trusts only a JWKS).
     */
    public Deployment withEnvironment(Map<String, String> changes) {
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return this;
    }

    /** Starts {@code pidgr serve --roles roles} as a child process named {@code name} (not waiting for it). */
    public Serve serve(String name, String roles) {
        Serve serve = new Serve(
                name, roles, Map.copyOf(environment), dir.resolve("state-" + name), dir.resolve(name + ".log"));
        serves.add(serve);
        return serve.start();
    }

    /** Starts another main class (on the test class path, with the deployment's variables) as a child process. */
    public Child child(String name, String mainClass, List<String> args) {
        Child child = Child.start(name, mainClass, args, Map.copyOf(environment), dir.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    /** Runs {@code roles} in this JVM (cheaper than a process, for roles no fault touches) and waits until ready. */
    public Node node(Set<Role> roles) {
        EmbeddedPostgres postgres = FaultInfra.postgres();
        NodeSettings settings = new NodeSettings(
                roles,
                bootstrapServers,
                namespace,
                partitions,
                replication,
                dir.resolve("state-node-" + nodes.size()),
                postgres.jdbcUrl(database),
                postgres.user(),
                postgres.password(),
                "127.0.0.1",
                0,
                0,
                NodeSettings.Auth.hs256(JWT_SECRET),
                WEBHOOK_SECRET,
                PAGE_TOKEN_KEY,
                insecureWebhooks,
                List.of("*"),
                null,
                null,
                10,
                100);
        Node node = new Node(settings);
        nodes.add(node);
        try {
            node.start();
            node.awaitReady(START_LIMIT);
        } catch (Exception e) {
            throw new IllegalStateException("the in-process roles " + roles + " did not start", e);
        }
        return node;
    }

    /** Where this deployment's logs and state live. */
    public Path dir() {
        return dir;
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    private String secret(String file, byte[] content) {
        try {
            Path path = Files.createDirectories(dir.resolve("secrets")).resolve(file);
            Files.write(path, content);
            return path.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the children (their namespace is never used again) and stops the in-process roles. */
    @Override
    public void close() {
        serves.forEach(Serve::kill);
        children.forEach(Child::kill);
        for (Node node : nodes) {
            node.close();
        }
    }
}
