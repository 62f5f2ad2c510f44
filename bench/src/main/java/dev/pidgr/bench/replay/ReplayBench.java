package dev.pidgr.bench.replay;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.bench.dev.DevEndpoints;
import dev.pidgr.contract.Topics;
import dev.pidgr.query.QueryDataSources;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.Replay;
import dev.pidgr.query.ReplayListener;
import dev.pidgr.query.ReplaySummary;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Rebuilds every projection with {@link Replay#run}, the code {@code pidgr replay} runs, against the
 * dev server's Kafka and PostgreSQL while it keeps running (its live projector hands over at the end).
 */
public final class ReplayBench {

    /**
     * @param rebuiltEvents   records applied while rebuilding (up to the end offsets at start)
     * @param rebuildPerSecond rebuilding rate, as the replay measured it
     * @param events          all records applied, the tail after the handover included
     * @param seconds         the whole replay: schema, rebuild, handover, tail, switch
     */
    public record Outcome(long rebuiltEvents, double rebuildPerSecond, long events, double seconds) {
    }

    private ReplayBench() {
    }

    public static Outcome run(DevEndpoints dev) throws Exception {
        Properties consumer = new Properties();
        consumer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, dev.kafka());
        LastRebuild rebuild = new LastRebuild();
        try (HikariDataSource pool =
                QueryDataSources.pool(dev.jdbcUrl(), dev.jdbcUser(), dev.jdbcPassword(), 6, "bench-replay")) {
            ReplaySummary summary = Replay.run(pool, consumer, Topics.withNamespace(dev.namespace()),
                    QuerySettings.DEFAULT_SCHEMA, rebuild, Duration.ofMinutes(2));
            return new Outcome(rebuild.last.eventsDone(), rebuild.last.eventsPerSecond(), summary.events(),
                    summary.took().toNanos() / 1e9);
        }
    }

    /** Keeps the last report of the rebuilding phase (made when it ended) and prints each phase once. */
    private static final class LastRebuild implements ReplayListener {
        private Progress last = new Progress(Phase.REBUILDING, 0, 0, 0, Duration.ZERO);
        private Phase printed;

        @Override
        public void progress(Progress progress) {
            if (progress.phase() == Phase.REBUILDING) {
                last = progress;
                return;
            }
            if (printed == null) {
                System.out.println("  replay: " + last.describe().strip());
            }
            if (progress.phase() != printed) {
                System.out.println("  replay: " + progress.describe().strip());
                printed = progress.phase();
            }
        }
    }
}
