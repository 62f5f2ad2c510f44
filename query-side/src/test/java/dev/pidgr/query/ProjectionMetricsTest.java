package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionMetricsTest {

    @Test
    void shouldKeepReportingLagAfterGarbageCollection() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionLag lag = new ProjectionLag(Instant.now(), List.of(
                new ProjectionLag.Entry("campaigns", "pidgr.campaign.events", 7, 1.5),
                new ProjectionLag.Entry("templates", "pidgr.template.events", 0, 0),
                new ProjectionLag.Entry("deliveries", "pidgr.delivery.events", 42, 3.0)));
        ProjectionMetrics.bind(registry, () -> lag);

        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(registry.get("pidgr.projection.lag.events")
                        .tag("projection", "deliveries")
                        .gauge()
                        .value())
                .isEqualTo(42.0);
        assertThat(registry.get("pidgr.projection.lag.seconds")
                        .tag("projection", "campaigns")
                        .gauge()
                        .value())
                .isEqualTo(1.5);
    }
}
