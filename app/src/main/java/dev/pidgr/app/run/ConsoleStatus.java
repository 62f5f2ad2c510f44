package dev.pidgr.app.run;

import dev.pidgr.api.console.OperationsStatus;
import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.ReplayStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The console's operations figures from what this process already measures: its readiness, the
 * projection and processor lag gauges of the metrics endpoint (present only for the roles it runs),
 * and a replay under way in PostgreSQL.
 */
final class ConsoleStatus implements Supplier<OperationsStatus> {

    private final NodeSettings settings;
    private final MeterRegistry registry;
    private final DataSource pool;
    private final String baseSchema;
    private final BooleanSupplier ready;

    ConsoleStatus(
            NodeSettings settings, MeterRegistry registry, DataSource pool, String baseSchema, BooleanSupplier ready) {
        this.settings = settings;
        this.registry = registry;
        this.pool = pool;
        this.baseSchema = baseSchema;
        this.ready = ready;
    }

    @Override
    public OperationsStatus get() {
        List<String> roles = settings.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList();
        return new OperationsStatus(ready.getAsBoolean(), roles, projections(), processors(), replay());
    }

    private List<OperationsStatus.Lag> projections() {
        List<OperationsStatus.Lag> lags = new ArrayList<>();
        for (Gauge events : registry.find("pidgr.projection.lag.events").gauges()) {
            String projection = events.getId().getTag("projection");
            Gauge seconds = registry.find("pidgr.projection.lag.seconds").tag("projection", projection).gauge();
            lags.add(new OperationsStatus.Lag(
                    projection, (long) events.value(), seconds == null ? -1 : seconds.value()));
        }
        return lags;
    }

    private List<OperationsStatus.Lag> processors() {
        return registry.find("pidgr.processor.lag.records").gauges().stream()
                .map(g -> new OperationsStatus.Lag(g.getId().getTag("processor"), (long) g.value(), -1)).toList();
    }

    private OperationsStatus.Replay replay() {
        try {
            return ReplayStatus.read(pool, baseSchema)
                    .map(r -> new OperationsStatus.Replay(r.into(), r.handingOver()))
                    .orElse(null);
        } catch (ReadFailedException e) {
            return null;
        }
    }
}
