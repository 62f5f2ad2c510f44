package dev.pidgr.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.contract.Ids;
import dev.pidgr.embedded.EmbeddedPostgres;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.query.QuerySide;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The COPY baseline against a real PostgreSQL migrated by the query side. */
class CopyBaselineTest {

    private static final String ORG = "org-bench";
    private static String jdbcUrl;
    private final List<String> tables = new java.util.ArrayList<>();

    @BeforeAll
    static void migrate() throws Exception {
        EmbeddedPostgres postgres = SharedTestInfra.postgres();
        String database = SharedTestInfra.newDatabase();
        DataSource dataSource = postgres.dataSource(database);
        QuerySide.migrate(dataSource, "pidgr");
        jdbcUrl = postgres.jdbcUrl(database);
    }

    private static Connection connect() throws Exception {
        Properties credentials = new Properties();
        credentials.put("user", SharedTestInfra.postgres().user());
        credentials.put("password", SharedTestInfra.postgres().password());
        return DriverManager.getConnection(jdbcUrl, credentials);
    }

    @ParameterizedTest
    @EnumSource(CopyBaseline.Format.class)
    void shouldCopyDeliveryRowsThatReadBackAsWritten(CopyBaseline.Format format) throws Exception {
        String campaign = "c0000000-0000-4000-8000-000000000001";
        Instant sentAt = Instant.parse("2026-11-30T08:00:00.123456Z");
        List<byte[]> messages =
                List.of("first".getBytes(StandardCharsets.UTF_8), "second".getBytes(StandardCharsets.UTF_8));
        try (Connection c = connect()) {
            String table = CopyBaseline.scratchTable(c);
            tables.add(table);

            long copied =
                    CopyBaseline.copy(c, table, CopyBaseline.rows(format, campaign, ORG, sentAt, messages, 3), format);

            assertThat(copied).isEqualTo(3);
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT id, campaign_id, organization_id, user_id, status, sent_at, reminder_count,"
                                    + " convert_from(message, 'UTF8'), inbox_changed_at, read_at FROM " + table
                                    + " ORDER BY user_id")) {
                for (int i = 0; i < 3; i++) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo(Ids.deliveryId(campaign, Campaigns.userId(i)));
                    assertThat(r.getString(2)).isEqualTo(campaign);
                    assertThat(r.getString(3)).isEqualTo(ORG);
                    assertThat(r.getString(4)).isEqualTo(Campaigns.userId(i));
                    assertThat(r.getShort(5)).isEqualTo((short) 2);
                    assertThat(r.getTimestamp(6).toInstant()).isEqualTo(sentAt.plusMillis(i));
                    assertThat(r.getInt(7)).isZero();
                    assertThat(r.getString(8)).isEqualTo(i % 2 == 0 ? "first" : "second");
                    assertThat(r.getTimestamp(9).toInstant()).isEqualTo(sentAt.plusMillis(i));
                    assertThat(r.getTimestamp(10)).isNull();
                }
                assertThat(r.next()).isFalse();
            }
        }
    }

    @Test
    void shouldGiveTheScratchTableTheDeliveriesTablesIndexes() throws Exception {
        try (Connection c = connect()) {
            String table = CopyBaseline.scratchTable(c);
            tables.add(table);

            assertThat(indexes(c, table)).isEqualTo(indexes(c, "pidgr_p1.deliveries"));
        }
    }

    private static long indexes(Connection c, String table) throws Exception {
        String[] parts = table.split("\\.");
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + parts[0]
                     + "' AND tablename = '" + parts[1] + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void shouldDropItsScratchTableAfterMeasuring() throws Exception {
        double seconds = CopyBaseline.run(
                jdbcUrl,
                SharedTestInfra.postgres().user(),
                SharedTestInfra.postgres().password(),
                ORG,
                List.of(new byte[600]),
                1_000,
                CopyBaseline.Format.TEXT);

        assertThat(seconds).isPositive();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench_copy_%'")) {
            r.next();
            assertThat(r.getLong(1)).isZero();
        }
    }

    @AfterEach
    void dropScratchTables() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE " + table);
            }
        }
        tables.clear();
    }
}
