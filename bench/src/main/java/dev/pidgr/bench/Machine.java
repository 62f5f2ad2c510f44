package dev.pidgr.bench;

import dev.pidgr.bench.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Facts about the machine and the run, for reading the figures later. */
final class Machine {

    private Machine() {
    }

    static void describe(Report report, BenchSettings settings) {
        report.fact("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.fact("command", settings.command());
        report.fact("commit", git(settings.root()));
        report.fact("recipients", settings.recipients());
        report.fact("cores", Runtime.getRuntime().availableProcessors());
        report.fact("cpu", line("/proc/cpuinfo", "model name"));
        report.fact("memory", line("/proc/meminfo", "MemTotal"));
        report.fact("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        report.fact("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.fact("loadAverageAtStart", loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    /** The value of the first line of a /proc file starting with {@code key}. */
    private static String line(String file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String git(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
