package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.query.sql.Schemas;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Tables;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationTest {

    private HikariDataSource db;

    @BeforeEach
    void setUp() {
        db = Db.fresh();
    }

    /** The data migrations on the classpath (V1, V2, ...), however many there are. */
    private static final long MIGRATIONS = migrationFiles();

    private static long migrationFiles() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                MigrationTest.class.getClassLoader().getResource("db/migration").toURI()))) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldMigrateOnceWhenFlywayRunsInSeveralThreadsAtOnce() throws Exception {
        Schemas schemas = new Schemas(db, "pidgr");

        List<Integer> ran = all(6, () -> schemas.migrateData("pidgr_p7"));

        long migrations = Tables.count(
                db,
                "SELECT count(*) FROM pidgr_p7.flyway_schema_history WHERE success AND version IS NOT NULL AND version"
                        + " <> '0'");
        // Each migration once. Not necessarily all by one thread: Flyway locks the history per migration, so a
        // thread arriving between two may apply the rest (seen as [2, 2] once there were four migrations).
        assertThat(migrations).isEqualTo(MIGRATIONS);
        assertThat(ran.stream().mapToInt(Integer::intValue).sum()).isEqualTo(MIGRATIONS);
    }

    @Test
    void shouldBootstrapOneActiveSchemaWhenSeveralProcessesStartAtOnce() throws Exception {
        List<String> active = all(6, () -> QuerySide.migrate(db, new Schemas(db, "pidgr")));

        assertThat(active).containsOnly("pidgr_p1");
        assertThat(Tables.count(db, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pidgr_p%'")).isEqualTo(1);
        assertThat(Tables.count(db, "SELECT count(*) FROM pg_views WHERE schemaname = 'pidgr'"))
                .isEqualTo(Schemas.VIEWED_TABLES.size());
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr.campaigns")).isZero();
    }

    @Test
    void shouldFillTheTimelineFromTheDeliveriesProjectedBeforeIt() throws Exception {
        Flyway.configure().dataSource(db).schemas("pidgr_p1").defaultSchema("pidgr_p1").createSchemas(true)
                .locations("classpath:db/migration").placeholders(Map.of("base", "pidgr")).target("2").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                INSERT INTO pidgr_p1.deliveries (id, campaign_id, organization_id, user_id, status, sent_at,
                    delivered_at, acknowledged_at, message, inbox_changed_at) VALUES
                ('d1', 'c1', 'org', 'u1', 4, '2026-11-30T09:00:00.2Z', '2026-11-30T09:01:01Z',
                    '2026-11-30T09:01:02Z', '', now()),
                ('d2', 'c1', 'org', 'u2', 2, '2026-11-30T09:00:00.7Z', NULL, NULL, '', now() + interval '1 second')\
                """);
        }

        new Schemas(db, "pidgr").migrateData("pidgr_p1");

        assertThat(Tables.count(
                        db,
                        "SELECT sum(sent) FROM pidgr_p1.campaign_timeline WHERE granularity = 1 AND at ="
                                + " '2026-11-30T09:00:00Z'"))
                .isEqualTo(2);
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr_p1.campaign_timeline WHERE granularity = 60"))
                .isEqualTo(2);
        assertThat(Tables.count(db, """
            SELECT sent * 1000 + delivered * 100 + acknowledged * 10 + missed FROM pidgr_p1.campaign_timeline
            WHERE granularity = 3600 AND organization_id = 'org' AND campaign_id = 'c1'\
            """)).isEqualTo(2110);
    }

    @Test
    void shouldHaveTheCampaignProjectorReadItsTopicAgainForTheHistoryAndAudience() throws Exception {
        Flyway.configure().dataSource(db).schemas("pidgr_p1").defaultSchema("pidgr_p1").createSchemas(true)
                .locations("classpath:db/migration").placeholders(Map.of("base", "pidgr")).target("3").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                INSERT INTO pidgr_p1.projection_offsets (projection, topic, partition_no, next_offset) VALUES
                ('campaigns', 'pidgr.campaign.events', 0, 42), ('deliveries', 'pidgr.delivery.events', 0, 7)\
                """);
        }

        new Schemas(db, "pidgr").migrateData("pidgr_p1");

        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr_p1.projection_offsets WHERE projection = 'campaigns'"))
                .isZero();
        assertThat(Tables.count(
                        db, "SELECT next_offset FROM pidgr_p1.projection_offsets WHERE projection = 'deliveries'"))
                .isEqualTo(7);
    }

    private static <T> List<T> all(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
