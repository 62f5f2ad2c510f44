package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode's data survives a SIGKILL of the JVM that ran it, and the next start needs no manual cleanup. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @AfterEach
    void killLeftoverPostmaster() throws IOException {
        if (Files.exists(dir.resolve("postgres/postmaster.pid"))) {
            ProcessHandle.of(postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldRecoverAfterTheJvmIsKilledWhilePostgresKeepsRunning() throws Exception {
        runAndKill("first");
        long orphan = postmasterPid();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

        long restart = System.nanoTime();
        try (DevInfra infra = DevInfra.start(dir, 0, 0)) {
            System.out.printf(
                    "DevInfra restart after kill -9 (orphaned postmaster) took %d ms%n",
                    (System.nanoTime() - restart) / 1_000_000);
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertWritten(infra, "first");
        }
    }

    @Test
    void shouldRecoverAfterTheJvmAndPostgresAreAllKilled() throws Exception {
        runAndKill("first");
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        backends.forEach(ProcessHandle::destroyForcibly);

        long restart = System.nanoTime();
        try (DevInfra infra = DevInfra.start(dir, 0, 0)) {
            System.out.printf(
                    "DevInfra restart after kill -9 of everything took %d ms%n",
                    (System.nanoTime() - restart) / 1_000_000);
            assertWritten(infra, "first");
        }
    }

    private void assertWritten(DevInfra infra, String value) throws Exception {
        assertThat(KafkaClients.readValues(infra.kafka().bootstrapServers(), "crash", "read_committed", 1))
                .containsExactly(value);
        assertThat(EmbeddedPostgresTest.queryString(
                        infra.postgres().dataSource("crash"), "SELECT string_agg(v, ',') FROM written"))
                .isEqualTo(value);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    /** Runs {@link CrashingDevInfra} in a child JVM until it has written {@code value}, then SIGKILLs it. */
    private void runAndKill(String value) throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashingDevInfra.class.getName(), dir.toString(), value)
                .redirectErrorStream(true)
                .start();
        try {
            Optional<String> ready = CompletableFuture.supplyAsync(() -> awaitReady(child)).get(120, TimeUnit.SECONDS);
            assertThat(ready).as("child printed READY").isPresent();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Optional<String> awaitReady(Process child) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println("[child] " + line);
                if (line.startsWith("READY")) {
                    return Optional.of(line);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
