package dev.pidgr.app;

import dev.pidgr.embedded.EmbeddedPostgres;
import dev.pidgr.embedded.SharedTestInfra;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A pidgr deployment of separate {@code pidgr serve} processes on the shared embedded broker and
 * database (its own namespace and database), configured the production way: PIDGR_* variables
 * shared by every process, secrets in files. Closing it stops every process it started.
 */
final class Deployment implements AutoCloseable {

    static final String JWT_SECRET = new String(RunningNode.SECRET, StandardCharsets.UTF_8);

    final String namespace = SharedTestInfra.newNamespace();
    final String database = SharedTestInfra.newDatabase();
    private final Path dir;
    private final Path logDir;
    private final Map<String, String> environment;
    private final List<ServeProcess> processes = Collections.synchronizedList(new ArrayList<>());

    Deployment(String testName, int partitions) throws IOException {
        this(testName, partitions, SharedTestInfra.kafka().bootstrapServers(), Map.of());
    }

    /**
     * A deployment on the Kafka at {@code bootstrapServers}, with {@code extra} variables (e.g. how to log in to it).
     */
    Deployment(String testName, int partitions, String bootstrapServers, Map<String, String> extra) throws IOException {
        // Under target/, so a failed run leaves the logs (and Kafka Streams keeps its state out of /tmp).
        this.dir = Path.of("target", "serve-processes", testName).toAbsolutePath();
        deleteRecursively(dir);
        this.logDir = dir;
        EmbeddedPostgres postgres = SharedTestInfra.postgres();
        this.environment = new java.util.HashMap<>(extra);
        this.environment.putAll(Map.ofEntries(
                Map.entry("PIDGR_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers),
                Map.entry("PIDGR_NAMESPACE", namespace),
                Map.entry("PIDGR_PARTITIONS", String.valueOf(partitions)),
                Map.entry("PIDGR_REPLICATION_FACTOR", "1"),
                Map.entry("PIDGR_JDBC_URL", postgres.jdbcUrl(database)),
                Map.entry("PIDGR_JDBC_USER", postgres.user()),
                Map.entry("PIDGR_JDBC_PASSWORD", postgres.password()),
                Map.entry("PIDGR_JWT_HS256_SECRET_FILE", secret("jwt-hs256-secret", JWT_SECRET)),
                Map.entry(
                        "PIDGR_WEBHOOK_SECRET_FILE",
                        secret("webhook-secret", "a-webhook-secret-for-separate-processes")),
                Map.entry("PIDGR_PAGE_TOKEN_KEY_FILE", secret("page-token-key", "a-page-token-key-shared-by-apis")),
                Map.entry("PIDGR_ALLOW_INSECURE_WEBHOOKS", "true"),
                Map.entry("PIDGR_COMMAND_COMMIT_INTERVAL_MS", "10"),
                Map.entry("PIDGR_WORKFLOW_COMMIT_INTERVAL_MS", "50")));
    }

    /** Where this deployment keeps its logs and secrets. */
    Path dir() {
        return dir;
    }

    /** Starts one process running {@code roles}, with its own Kafka Streams state folder. */
    ServeProcess start(String name, String roles) throws IOException {
        ServeProcess process = ServeProcess.start(name, roles, environment, dir.resolve("state-" + name), logDir);
        processes.add(process);
        return process;
    }

    /** Stops one process now (the others keep running). */
    void stop(ServeProcess process) throws InterruptedException {
        processes.remove(process);
        process.close();
    }

    private String secret(String file, String content) throws IOException {
        Path path = Files.createDirectories(dir.resolve("secrets")).resolve(file);
        Files.writeString(path, content + "\n", StandardCharsets.UTF_8);
        return path.toString();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Stops every process (SIGTERM to all, then SIGKILL to any still running after 30 s). */
    @Override
    public void close() throws InterruptedException {
        List<ServeProcess> running = new ArrayList<>(processes);
        running.forEach(ServeProcess::terminate);
        for (ServeProcess process : running) {
            process.close();
        }
        processes.clear();
    }
}
