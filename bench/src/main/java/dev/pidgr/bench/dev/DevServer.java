package dev.pidgr.bench.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./pidgr dev} as a child process in its own session, on a fresh data folder and free ports, so
 * its memory and CPU are its own. The harness hands it the token secret, so it can mint any token.
 * Closing sends SIGTERM (a clean stop) and waits for the process to end.
 */
public final class DevServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final byte[] secret;
    private final DevEndpoints endpoints;
    private final String organization;
    private final MailPorts mail;
    private final Thread stopOnExit = new Thread(this::stop, "bench-dev-stop");

    private DevServer(
            Process process, Path dataDir, Path log, byte[] secret, DevEndpoints endpoints, String organization,
            MailPorts mail) {
        this.process = process;
        this.mail = mail;
        this.dataDir = dataDir;
        this.log = log;
        this.secret = secret;
        this.endpoints = endpoints;
        this.organization = organization;
        Runtime.getRuntime().addShutdownHook(stopOnExit); // a Ctrl-C on the harness stops the server too
    }

    /**
     * Starts {@code <root>/pidgr dev} and waits until it has written dev.json (it does once every role is ready).
     *
     * @param javaOptions JVM options for it ({@code PIDGR_JAVA_OPTS}), or null for the script's default
     */
    public static DevServer start(Path root, Path dataDir, Path log, String javaOptions,
            Map<String, String> variables) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        byte[] secret = newSecret();
        MailPorts mail = new MailPorts(freePort(), freePort());
        ProcessBuilder builder = new ProcessBuilder(command(root, dataDir, mail)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(variables);
        builder.environment().put("PIDGR_JWT_SECRET", new String(secret, StandardCharsets.US_ASCII));
        if (javaOptions != null) {
            builder.environment().put("PIDGR_JAVA_OPTS", javaOptions);
        }
        Process process = builder.start();
        try {
            DevEndpoints endpoints = awaitDevJson(process, dataDir.resolve("dev.json"), log);
            String organization = Files.readString(dataDir.resolve("dev-organization"), StandardCharsets.UTF_8).trim();
            return new DevServer(process, dataDir, log, secret, endpoints, organization, mail);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroy();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Where dev's in-process GreenMail listens: SMTP (the gateway sends there) and IMAP (to read the mail). */
    public record MailPorts(int smtp, int imap) {
    }

    /** The ports of dev's mail server (the harness picks free ones; dev.json does not name them). */
    public MailPorts mail() {
        return mail;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> command(Path root, Path dataDir, MailPorts mail) {
        List<String> command = new ArrayList<>();
        // Its own session: a Ctrl-C on the harness's terminal reaches the harness, which stops it cleanly.
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.addAll(List.of(root.resolve("pidgr").toString(), "dev", "--data-dir", dataDir.toString(),
                "--grpc-port", "0", "--metrics-port", "0", "--kafka-port", "0", "--postgres-port", "0",
                "--smtp-port", String.valueOf(mail.smtp()), "--imap-port", String.valueOf(mail.imap())));
        return command;
    }

    private static DevEndpoints awaitDevJson(Process process, Path devJson, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(devJson)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pidgr dev exited with " + process.exitValue()
                        + " before it was ready; " + "the end of " + log + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pidgr dev was not ready within " + START_TIMEOUT + "; see " + log);
            }
            Thread.sleep(200);
        }
        return DevEndpoints.read(devJson);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static byte[] newSecret() {
        byte[] random = new byte[36];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    }

    public DevEndpoints endpoints() {
        return endpoints;
    }

    /** The dev JVM's pid (as it wrote it to dev.json). */
    public long pid() {
        return endpoints.pid();
    }

    /** The dev organization (every token the harness mints belongs to it). */
    public String organization() {
        return organization;
    }

    /** The HS256 secret the server verifies tokens with. */
    public byte[] tokenSecret() {
        return secret.clone();
    }

    /**
     * The embedded PostgreSQL's postmaster, from its pid file (it is not a child of the dev JVM: pg_ctl detaches it).
     */
    public Optional<Long> postmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().trim()));
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, then waits for a clean stop (SIGKILL after 90 s). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook stops the server
        }
        stop();
    }

    private void stop() {
        Optional<ProcessHandle> jvm = ProcessHandle.of(pid());
        jvm.ifPresent(ProcessHandle::destroy);
        process.destroy();
        try {
            boolean stopped = process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    && (jvm.isEmpty() || awaitExit(jvm.get(), STOP_TIMEOUT));
            if (!stopped) {
                jvm.ifPresent(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
