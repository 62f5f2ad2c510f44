package dev.pidgr.app.metrics;

import dev.pidgr.query.ProjectionLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pidgr.projection.lag.events} and {@code pidgr.projection.lag.seconds}, tagged
 * {@code projection} (campaigns, templates, deliveries), as docs/operations.md names them. One
 * measurement (Kafka end offsets plus one query) serves every gauge of a scrape: it is reused for a
 * second. The gauges hold their measurement strongly: query-side's {@code ProjectionMetrics.bind}
 * registers the same gauges on a weakly held object, which the first garbage collection takes
 * (every value then reads NaN), so the app binds these instead until that is fixed there.
 */
public final class ProjectionLagMeters {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLagMeters.class);
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final Callable<ProjectionLag> measure;
    private ProjectionLag last;
    private long lastAt;

    private ProjectionLagMeters(Callable<ProjectionLag> measure) {
        this.measure = measure;
    }

    /** Registers the gauges; {@code measure} is {@code querySide::lag}. */
    public static void bind(MeterRegistry registry, Callable<ProjectionLag> measure) {
        ProjectionLagMeters meters = new ProjectionLagMeters(measure);
        for (String projection : List.of("campaigns", "templates", "deliveries")) {
            Gauge.builder("pidgr.projection.lag.events", meters, m -> m.entry(projection, true))
                    .tag("projection", projection).description("Records of the topic not yet projected")
                    .strongReference(true).register(registry);
            Gauge.builder("pidgr.projection.lag.seconds", meters, m -> m.entry(projection, false))
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
                LOG.debug("projection lag not measurable now", e);
                return Double.NaN;
            }
        }
        return last.projections().stream().filter(p -> p.projection().equals(projection)).findFirst()
                .map(p -> events ? (double) p.eventsBehind() : p.secondsBehind()).orElse(Double.NaN);
    }
}
