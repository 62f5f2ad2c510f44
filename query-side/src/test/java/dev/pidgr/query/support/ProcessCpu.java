package dev.pidgr.query.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by this JVM and by the shared test PostgreSQL (its postmaster, the
 * children it reaped and the live ones), read from /proc (Linux only): for benchmarks that report
 * CPU per unit of work, which holds on a loaded machine where wall clock does not.
 */
public final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every Linux we run

    private ProcessCpu() {
    }

    /** CPU seconds of this JVM (every thread: the in-process broker's too). */
    public static double jvm() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of the PostgreSQL listening on {@code port}: postmaster, reaped and live children. */
    public static double postgres(int port) throws IOException {
        long postmaster = postmaster(port);
        double seconds = ticks(postmaster, true) / TICKS_PER_SECOND;
        for (long child : ProcessHandle.of(postmaster).orElseThrow().children().map(ProcessHandle::pid).toList()) {
            seconds += ticks(child, false) / TICKS_PER_SECOND;
        }
        return seconds;
    }

    /**
     * CPU seconds of the live client backends of the PostgreSQL listening on {@code port} (the
     * connections' own work, without autovacuum, checkpoints and WAL writing).
     */
    public static double postgresBackends(int port) throws IOException {
        double seconds = 0;
        for (ProcessHandle child : ProcessHandle.of(postmaster(port)).orElseThrow().children().toList()) {
            if (cmdline(Path.of("/proc", Long.toString(child.pid()))).contains("(")) {
                seconds += ticks(child.pid(), false) / TICKS_PER_SECOND;
            }
        }
        return seconds;
    }

    private static long postmaster(int port) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline = cmdline(p);
                if (cmdline.contains("postgres") && cmdline.contains(" -p " + port + " ")) {
                    return Long.parseLong(p.getFileName().toString());
                }
            }
        }
        throw new IllegalStateException("no postmaster on port " + port);
    }

    private static String cmdline(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    private static long ticks(long pid, boolean withReapedChildren) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return 0; // a backend that ended meanwhile: the postmaster counts it once reaped
        }
        List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        long own = Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
        return withReapedChildren ? own + Long.parseLong(f.get(13)) + Long.parseLong(f.get(14)) : own;
    }
}
