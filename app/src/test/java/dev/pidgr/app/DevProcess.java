package dev.pidgr.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pidgr dev} in a child JVM, as a user runs it: fresh data folder, ports the OS picks, a
 * known token secret (so a test can mint recipients' tokens). {@link #start} returns once the banner
 * says SERVING, with the console link it printed. {@link #close()} stops it (SIGTERM, which stops
 * its embedded Kafka and PostgreSQL too).
 */
final class DevProcess implements AutoCloseable {

    private static final Pattern LINK =
            Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+)/console/#token=([A-Za-z0-9._-]+))");

    /** The console link printed by the banner, with the dev token in its fragment. */
    final String consoleLink;
    final int port;
    final String adminToken;
    final Path out;
    private final Process process;

    private DevProcess(Process process, Path out, Matcher link) {
        this.process = process;
        this.out = out;
        this.consoleLink = link.group(1);
        this.port = Integer.parseInt(link.group(2));
        this.adminToken = link.group(3);
    }

    static DevProcess start(Path dir, String jwtSecret, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "-cp",
                ServeProcess.classPath(),
                "dev.pidgr.app.Main",
                "dev",
                "--data-dir",
                dir.resolve("data").toString(),
                "--grpc-port",
                "0",
                "--metrics-port",
                "0",
                "--kafka-port",
                "0",
                "--postgres-port",
                "0",
                "--smtp-port",
                "0",
                "--imap-port",
                "0"));
        Files.createDirectories(dir);
        Path out = dir.resolve("dev.out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("dev.err").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PIDGR_"));
        builder.environment().put("PIDGR_JWT_SECRET", jwtSecret);
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            String banner = Files.readString(out, StandardCharsets.UTF_8);
            Matcher link = LINK.matcher(banner);
            if (banner.contains("pidgr dev is SERVING") && link.find()) {
                return new DevProcess(process, out, link);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("pidgr dev did not serve (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); its output:\n" + banner
                        + Files.readString(dir.resolve("dev.err"), StandardCharsets.UTF_8));
            }
            Thread.sleep(250);
        }
    }

    /** The organization of the printed token (its {@code org_id} claim). */
    String organization() {
        String claims = new String(Base64.getUrlDecoder().decode(adminToken.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher org = Pattern.compile("\"org_id\"\\s*:\\s*\"([^\"]+)\"").matcher(claims);
        if (!org.find()) {
            throw new AssertionError("no org_id in the dev token: " + claims);
        }
        return org.group(1);
    }

    String uri(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
