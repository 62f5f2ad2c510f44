package dev.pidgr.app.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.function.BooleanSupplier;

/** The process-wide meters: the JVM binders and the node's readiness. */
final class NodeMeters {

    private NodeMeters() {
    }

    /** Binds the JVM meters; close the returned binder (GC notifications) with the node. */
    static AutoCloseable bindJvm(MeterRegistry registry) {
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return gc;
    }

    /** {@code pidgr.ready}: 1 while every role of the process is ready, else 0. */
    static void bindReadiness(MeterRegistry registry, BooleanSupplier ready) {
        Gauge.builder("pidgr.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while every role of this process is ready")
                .strongReference(true)
                .register(registry);
    }
}
