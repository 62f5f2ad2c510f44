package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.embedded.SharedTestInfra;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadPoolTest {

    @Test
    void shouldCancelAReadThatRunsLongerThanTheStatementTimeout() throws Exception {
        var postgres = SharedTestInfra.postgres();
        String database = SharedTestInfra.newDatabase();
        try (HikariDataSource reads = QueryDataSources.readPool(
                        postgres.jdbcUrl(database),
                        postgres.user(),
                        postgres.password(),
                        2,
                        "reads",
                        Duration.ofMillis(300),
                        null);
                Connection c = reads.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SHOW statement_timeout")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("300ms");
            }
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("statement timeout");
        }
    }

    @Test
    void shouldLeaveTheProjectorsPoolWithoutAStatementTimeout() throws Exception {
        var postgres = SharedTestInfra.postgres();
        String database = SharedTestInfra.newDatabase();
        try (HikariDataSource pool = QueryDataSources.pool(
                        postgres.jdbcUrl(database), postgres.user(), postgres.password(), 2, "projectors");
                Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW statement_timeout")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("0");
        }
    }
}
