package dev.pidgr.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds projection lag to Micrometer: {@code pidgr.projection.lag.events} and
 * {@code pidgr.projection.lag.seconds}, tagged {@code projection} (campaigns, templates,
 * deliveries). One measurement (Kafka end offsets plus one query) serves every gauge of a scrape:
 * it is reused for a second. The gauges hold their measurement strongly: nothing else references
 * it, and a weakly held one is collected by the first GC (every value then reads NaN).
 */
public final class ProjectionMetrics {

    private static final Logger log = LoggerFactory.getLogger(ProjectionMetrics.class);
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final Callable<ProjectionLag> measure;
    private ProjectionLag last;
    private long lastAt;

    private ProjectionMetrics(Callable<ProjectionLag> measure) {
        this.measure = measure;
    }

    /** Registers the gauges; {@code measure} is usually {@code querySide::lag}. */
    public static void bind(MeterRegistry registry, Callable<ProjectionLag> measure) {
        ProjectionMetrics metrics = new ProjectionMetrics(measure);
        for (String projection : List.of("campaigns", "templates", "deliveries")) {
            Gauge.builder("pidgr.projection.lag.events", metrics, m -> m.entry(projection, true))
                    .tag("projection", projection).description("Records of the topic not yet projected")
                    .strongReference(true).register(registry);
            Gauge.builder("pidgr.projection.lag.seconds", metrics, m -> m.entry(projection, false))
                    .tag("projection", projection).baseUnit("seconds")
                    .description("Age of the last projected record while records wait; 0 when caught up")
                    .strongReference(true).register(registry);
        }
    }

    private synchronized double entry(String projection, boolean events) {
        if (last == null || System.nanoTime() - lastAt > REUSE_NANOS) {
            try {
                last = measure.call();
                lastAt = System.nanoTime();
            } catch (Exception e) {
                log.debug("projection lag not measurable now", e);
                return Double.NaN;
            }
        }
        return last.projections().stream().filter(p -> p.projection().equals(projection)).findFirst()
                .map(p -> events ? (double) p.eventsBehind() : p.secondsBehind()).orElse(Double.NaN);
    }
}
