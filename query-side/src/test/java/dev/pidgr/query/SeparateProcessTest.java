package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Kafka;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import dev.pidgr.query.support.Wait;
import dev.pidgr.query.support.Workload;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live projector in another JVM, as in dev mode while an operator runs `pidgr replay`, or killed with SIGKILL. */
class SeparateProcessTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private Kafka kafka;
    private String database;
    private HikariDataSource db;
    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kafka = new Kafka(3);
        database = SharedTestInfra.newDatabase();
        var postgres = SharedTestInfra.postgres();
        db = QueryDataSources.pool(postgres.jdbcUrl(database), postgres.user(), postgres.password(), 6, database);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process child : children) {
            child.destroyForcibly().waitFor();
        }
        kafka.close();
        db.close();
    }

    @Test
    void shouldHandOverToAReplayRunningInAnotherProcess() throws Exception {
        Workload.write(kafka, ORG, 4, 50, T0);
        Process live = launch(5_000);
        Wait.until("the other process has projected everything", this::caughtUp);

        ReplaySummary summary = Replay.run(db, Kafka.config(), kafka.topics, "pidgr", ReplayListener.none(),
                Duration.ofMinutes(1));
        CampaignStream later = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.send(kafka.topics.campaignEvents(), List.of(later.created("After", 1, T0)), CampaignEvent::getCampaignId);

        assertThat(summary.newSchema()).isEqualTo("pidgr_p2");
        Wait.until("the other process projects into the new schema",
                () -> Tables.count(db, "SELECT count(*) FROM pidgr_p2.campaigns WHERE id = '" + later.id() + "'") == 1);
        assertThat(live.isAlive()).isTrue();
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr.campaigns")).isEqualTo(5);
    }

    @Test
    void shouldLoseAndDoubleNothingWhenTheProjectorIsKilledMidWork() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Killed", 12_000, T0)),
                CampaignEvent::getCampaignId);
        for (int from = 0; from < 12_000; from += 4_000) {
            List<DeliveryEvent> chunk = new ArrayList<>();
            for (int i = from; i < from + 4_000; i++) {
                chunk.add(run.sent("user-" + i, T0.plusMillis(i)));
            }
            kafka.send(kafka.topics.deliveryEvents(), chunk, DeliveryEvent::getCampaignId);
        }
        Process first = launch(100);
        Wait.until("part of the fan-out is projected", () -> viewsExist() && deliveries() >= 500);
        first.destroyForcibly().waitFor();
        long atKill = deliveries();

        launch(100);
        Wait.until("the second process has projected everything", this::caughtUp);

        assertThat(atKill).isBetween(500L, 12_000L);
        assertThat(deliveries()).isEqualTo(12_000);
        assertThat(Tables.count(db, "SELECT sent FROM pidgr.campaign_runs")).isEqualTo(12_000);
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p1")).isZero();
    }

    private boolean caughtUp() throws Exception {
        return viewsExist() && ProjectionLag.measure(db, Kafka.config(), kafka.topics, "pidgr").eventsBehind() == 0
                && Tables.count(db, "SELECT count(*) FROM pidgr.projection_offsets") > 0;
    }

    private boolean viewsExist() throws Exception {
        return Tables.count(db, "SELECT count(*) FROM pg_views WHERE schemaname = 'pidgr'") > 0;
    }

    private long deliveries() throws Exception {
        return Tables.count(db, "SELECT count(*) FROM pidgr.deliveries");
    }

    private Process launch(int maxBatch) throws Exception {
        var postgres = SharedTestInfra.postgres();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ChildQuerySide.class.getName(), postgres.jdbcUrl(database), postgres.user(),
                String.valueOf(postgres.password()), SharedTestInfra.kafka().bootstrapServers(),
                kafka.topics.prefix().replaceAll("\\.$", ""), String.valueOf(maxBatch))
                .redirectErrorStream(true)
                .redirectOutput(new File("target/child-query-side-" + UUID.randomUUID() + ".log"));
        Process child = builder.start();
        children.add(child);
        return child;
    }
}
