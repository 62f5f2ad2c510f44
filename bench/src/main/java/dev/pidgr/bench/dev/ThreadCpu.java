package dev.pidgr.bench.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU per thread of a process, from {@code /proc/<pid>/task}: which threads spin when the process
 * should be idle. Threads are grouped by name with digits folded ({@code kafka-producer-N}), as Linux
 * keeps the first 15 characters of a Java thread's name.
 */
public final class ThreadCpu {

    /** A group of threads and the CPU seconds they used. */
    public record Group(String name, double cpuSeconds) {
    }

    private ThreadCpu() {
    }

    /** Every live thread's name and CPU clock ticks, by thread id. */
    public static Map<Long, Map.Entry<String, Long>> sample(long pid) throws IOException {
        Map<Long, Map.Entry<String, Long>> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            Map.entry(ProcStat.name(stat), ProcStat.ownTicks(stat)));
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return threads;
    }

    /** The groups that used CPU between two samples, most first. */
    public static List<Group> used(Map<Long, Map.Entry<String, Long>> before, Map<Long, Map.Entry<String, Long>> after,
                                   double ticksPerSecond) {
        Map<String, Long> ticks = new TreeMap<>();
        after.forEach((tid, thread) -> {
            long earlier = before.containsKey(tid) ? before.get(tid).getValue() : 0;
            ticks.merge(thread.getKey().replaceAll("\\d+", "N"), thread.getValue() - earlier, Long::sum);
        });
        return ticks.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new Group(e.getKey(), e.getValue() / ticksPerSecond))
                .sorted((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds())).toList();
    }
}
