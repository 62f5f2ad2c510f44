package dev.pidgr.app.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.query.ProjectionLag;
import dev.pidgr.query.QuerySettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pidgr lag}: how far each projection is behind its topic, in events and in seconds (the same
 * figures as the {@code pidgr_projection_lag_*} gauges; docs/operations.md explains them).
 */
@Command(name = "lag", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show how far each projection is behind its event topic (events and seconds). "
                + "Without --kafka and --jdbc-url, uses the dev server of --data-dir.")
public final class LagCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    OperatorOptions connection;
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;
    @Option(names = "--watch", description = "Measure again every --interval until interrupted.")
    boolean watch;

    @Option(
            names = "--interval",
            defaultValue = "PT2S",
            description = "Time between measurements with --watch (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (HikariDataSource pool = connection.pool("pidgr-lag")) {
            do {
                ProjectionLag lag = ProjectionLag.measure(
                        pool, connection.kafkaConfig(), connection.topics(), QuerySettings.DEFAULT_SCHEMA);
                out.println(json ? JSON.writeValueAsString(asMap(lag)) : table(lag));
                out.flush();
                if (watch) {
                    Thread.sleep(interval.toMillis());
                }
            } while (watch);
        }
        return 0;
    }

    static String table(ProjectionLag lag) {
        StringBuilder text = new StringBuilder(
                String.format("%-12s %-32s %14s %12s%n", "PROJECTION", "TOPIC", "EVENTS BEHIND", "SECONDS"));
        for (ProjectionLag.Entry e : lag.projections()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%-12s %-32s %,14d %12.1f%n",
                    e.projection(),
                    e.topic(),
                    e.eventsBehind(),
                    e.secondsBehind()));
        }
        return text.append(String.format(Locale.ROOT, "total: %,d events behind, %.1f s behind (measured %s)",
                lag.eventsBehind(), lag.secondsBehind(), lag.measuredAt())).toString();
    }

    private static Map<String, Object> asMap(ProjectionLag lag) {
        List<Map<String, Object>> projections = new ArrayList<>();
        for (ProjectionLag.Entry e : lag.projections()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("projection", e.projection());
            entry.put("topic", e.topic());
            entry.put("events_behind", e.eventsBehind());
            entry.put("seconds_behind", e.secondsBehind());
            projections.add(entry);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("measured_at", lag.measuredAt().toString());
        result.put("events_behind", lag.eventsBehind());
        result.put("seconds_behind", lag.secondsBehind());
        result.put("projections", projections);
        return result;
    }
}
