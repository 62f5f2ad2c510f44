package dev.pidgr.api.grpc;

import java.time.Duration;

/**
 * The range of the api's latency histograms: Prometheus {@code _bucket} series from 1 ms to 60 s
 * (the longest deadline), so a p99 can be computed over several api processes
 * ({@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))}), which {@code _max} cannot.
 */
public final class LatencyBuckets {

    public static final Duration MIN = Duration.ofMillis(1);
    public static final Duration MAX = Duration.ofSeconds(60);

    private LatencyBuckets() {
    }
}
