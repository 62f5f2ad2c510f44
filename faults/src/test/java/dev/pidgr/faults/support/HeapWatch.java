package dev.pidgr.faults.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the heap of {@code pidgr serve} processes from their Prometheus endpoint
 * ({@code jvm_memory_used_bytes} / {@code jvm_memory_max_bytes} with {@code area="heap"}) every
 * half second until closed, keeping each process's peak, and its process id at the start, so a
 * test can show that no process restarted and none outgrew its heap.
 */
public final class HeapWatch implements AutoCloseable {

    /** One process's figures: its peak heap in use, its heap limit, and whether it is the process it was. */
    public record Peak(String name, long peakUsedBytes, long maxBytes, long samples, boolean samePid) {
        public double peakShare() {
            return maxBytes == 0 ? 1 : (double) peakUsedBytes / maxBytes;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Serve> serves;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> peaks = new ConcurrentHashMap<>();
    private final Map<String, Long> maxima = new ConcurrentHashMap<>();
    private final Map<String, Long> samples = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    public HeapWatch(List<Serve> serves) {
        this.serves = serves;
        serves.forEach(s -> pids.put(s.name(), s.child().pid()));
        sampler = Thread.ofPlatform().daemon().name("heap-watch").start(this::run);
    }

    private void run() {
        while (running) {
            for (Serve serve : serves) {
                sample(serve);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(Serve serve) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + serve.metricsPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            String text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            long used = sum(text, "jvm_memory_used_bytes");
            long max = sum(text, "jvm_memory_max_bytes");
            peaks.merge(serve.name(), used, Math::max);
            maxima.put(serve.name(), max);
            samples.merge(serve.name(), 1L, Long::sum);
        } catch (IOException e) {
            // a sample missed (busy or gone): the pid check and the process's own state tell the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sum of a metric over the heap's pools. */
    static long sum(String prometheus, String metric) {
        double total = 0;
        for (String line : prometheus.lines().toList()) {
            if (line.startsWith(metric + "{") && line.contains("area=\"heap\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                total += value > 0 ? value : 0;
            }
        }
        return (long) total;
    }

    /** Each process's figures so far. */
    public List<Peak> peaks() {
        return serves.stream()
                .map(s -> new Peak(
                        s.name(),
                        peaks.getOrDefault(s.name(), 0L),
                        maxima.getOrDefault(s.name(), 0L),
                        samples.getOrDefault(s.name(), 0L),
                        s.isAlive() && s.child().pid() == pids.get(s.name())))
                .toList();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
