package dev.pidgr.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@code pidgr serve} in a child JVM, started the way a deployment starts it: {@code java -cp
 * ... dev.pidgr.app.Main serve} with flags and PIDGR_* variables, a small heap, its output in a
 * file under target/ for diagnosis. {@link #close()} stops it with SIGTERM (SIGKILL after 30 s);
 * a JVM shutdown hook kills whatever a test left running.
 */
final class ServeProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "serve-process-killer"));
    }

    final String name;
    final int grpcPort;
    final int metricsPort;
    final Path log;
    private final Process process;

    private ServeProcess(String name, int grpcPort, int metricsPort, Path log, Process process) {
        this.name = name;
        this.grpcPort = grpcPort;
        this.metricsPort = metricsPort;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code pidgr serve --roles roles} with the deployment's settings in {@code environment}. */
    static ServeProcess start(String name, String roles, Map<String, String> environment, Path stateDir, Path logDir)
            throws IOException {
        int grpcPort = freePort();
        int metricsPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-cp",
                ProductionClassPath.joined(),
                "dev.pidgr.app.Main",
                "serve",
                "--roles",
                roles,
                "--host",
                "127.0.0.1",
                "--grpc-port",
                String.valueOf(grpcPort),
                "--metrics-port",
                String.valueOf(metricsPort),
                "--state-dir",
                stateDir.toString()));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PIDGR_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        RUNNING.add(process);
        return new ServeProcess(name, grpcPort, metricsPort, log, process);
    }

    /** Whether GET /ready on the metrics port answers 200. */
    boolean ready() {
        try {
            return Scrape.ready(metricsPort) == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits until {@link #ready()}; fails at once, with the end of the log, if the process exits. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + "; its log ends:\n" + logTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not ready within " + timeout + "; its log ends:\n" + logTail(40));
            }
            Thread.sleep(200);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Sends SIGTERM without waiting (so several processes stop in parallel); {@link #close()} then waits. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }

    /**
     * The test JVM's class path (surefire may hide it behind a manifest-only jar; it names the real one),
     * for {@code pidgr dev}, which needs the embedded libraries; serve runs on the production class path
     * ({@link ProductionClassPath}) instead.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
