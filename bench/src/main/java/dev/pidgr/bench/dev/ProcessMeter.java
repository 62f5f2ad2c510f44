package dev.pidgr.bench.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time and peak memory of the dev JVM, of the embedded PostgreSQL (the postmaster, its live
 * backends and those it has reaped) and of the harness itself, from {@code /proc}.
 */
public final class ProcessMeter {

    private final long devPid;
    private final Optional<Long> postmasterPid;
    private final long ticksPerSecond;

    public ProcessMeter(long devPid, Optional<Long> postmasterPid) {
        this.devPid = devPid;
        this.postmasterPid = postmasterPid;
        this.ticksPerSecond = clockTicks();
    }

    /** Linux's clock ticks per second, the unit of {@code /proc}'s CPU times. */
    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** CPU seconds used so far by each party, and the dev JVM's peak resident set. */
    public record Usage(double devCpuSeconds, double postgresCpuSeconds, double harnessCpuSeconds, long devPeakRssKiB) {

        /** What was used between {@code earlier} and this sample (the peak stays the peak). */
        public Usage since(Usage earlier) {
            return new Usage(devCpuSeconds - earlier.devCpuSeconds, postgresCpuSeconds - earlier.postgresCpuSeconds,
                    harnessCpuSeconds - earlier.harnessCpuSeconds, devPeakRssKiB);
        }
    }

    public Usage sample() throws IOException {
        return new Usage(
                ticks(stat(devPid), false) / (double) ticksPerSecond,
                postgresTicks() / (double) ticksPerSecond,
                seconds(ProcessHandle.current().info().totalCpuDuration()),
                ProcStat.statusKiB(Files.readString(Path.of("/proc/" + devPid + "/status")), "VmHWM")
                        .orElse(0));
    }

    private long postgresTicks() throws IOException {
        if (postmasterPid.isEmpty()) {
            return 0;
        }
        long postmaster = postmasterPid.get();
        String own = stat(postmaster);
        if (own == null) {
            return 0;
        }
        long total = ticks(own, true);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                String line = stat(Long.parseLong(process.getFileName().toString()));
                if (line != null && ProcStat.parentPid(line) == postmaster) {
                    total += ticks(line, true);
                }
            }
        }
        return total;
    }

    private static long ticks(String statLine, boolean withReapedChildren) {
        if (statLine == null) {
            return 0;
        }
        return ProcStat.ownTicks(statLine) + (withReapedChildren ? ProcStat.reapedChildrenTicks(statLine) : 0);
    }

    /** The stat line of a process, or null when it has gone. */
    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static double seconds(Optional<Duration> cpu) {
        return cpu.map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
