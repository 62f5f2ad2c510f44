package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @Test
    void shouldAnswerQueriesOnAFreshDatabase() throws Exception {
        DataSource db = SharedTestInfra.newDataSource();

        execute(db, "CREATE TABLE campaign (id text PRIMARY KEY, name text NOT NULL)");
        execute(db, "INSERT INTO campaign VALUES ('c1', 'Spring'), ('c2', 'Summer')");

        assertThat(queryString(db, "SELECT string_agg(name, ',' ORDER BY id) FROM campaign"))
                .isEqualTo("Spring,Summer");
        assertThat(queryString(db, "SHOW server_version")).startsWith("17.");
    }

    @Test
    void shouldCreateADatabaseOnlyOnce() throws Exception {
        EmbeddedPostgres postgres = SharedTestInfra.postgres();
        String name = SharedTestInfra.newDatabase();
        execute(postgres.dataSource(name), "CREATE TABLE marker (x int)");

        postgres.createDatabase(name);

        assertThat(queryString(postgres.dataSource(name), "SELECT count(*) FROM marker")).isEqualTo("0");
    }

    @Test
    void shouldRefuseDatabaseNamesThatWouldNeedQuoting() {
        assertThatThrownBy(() -> SharedTestInfra.postgres().createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldServeTheJdbcUrlItAdvertises() throws Exception {
        EmbeddedPostgres postgres = SharedTestInfra.postgres();
        String name = SharedTestInfra.newDatabase();

        try (Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(name));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name);
            assertThat(rs.getString(2)).isEqualTo(postgres.user());
        }
    }

    @Test
    void shouldKeepDataAcrossARestart(@TempDir Path dir) throws Exception {
        long firstStart = System.nanoTime();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, 0)) {
            report("first start", firstStart);
            postgres.createDatabase("kept");
            execute(postgres.dataSource("kept"), "CREATE TABLE t (v text)");
            execute(postgres.dataSource("kept"), "INSERT INTO t VALUES ('before restart')");
        }

        long restart = System.nanoTime();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, 0)) {
            report("restart", restart);
            assertThat(queryString(postgres.dataSource("kept"), "SELECT v FROM t")).isEqualTo("before restart");
            assertThat(queryString(postgres.dataSource("kept"), "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(queryString(postgres.dataSource("kept"), "SHOW fsync")).isEqualTo("on");
        }
    }

    @Test
    void shouldStartOverWhenTheFirstStartDiedDuringInitdb(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("PG_VERSION"), "17\n");
        Files.writeString(dir.resolve("postgresql.conf"), "# initdb was killed while writing this\n");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, 0)) {
            assertThat(queryString(postgres.dataSource("postgres"), "SELECT 6 * 7")).isEqualTo("42");
        }
    }

    @Test
    void shouldRemoveItsTemporaryDirectoryOnClose() throws Exception {
        Path dataDir;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(null, 0)) {
            dataDir = Path.of(queryString(postgres.dataSource("postgres"), "SHOW data_directory"));
            assertThat(dataDir).isDirectory();
        }

        assertThat(Files.exists(dataDir)).isFalse();
    }

    static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryString(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from: %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void report(String what, long startedAt) {
        System.out.printf("EmbeddedPostgres %s took %d ms%n", what, (System.nanoTime() - startedAt) / 1_000_000);
    }
}
